package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineIT {

    @Test
    void helpListsTheCommandsAndExitsZero() throws Exception {
        FleetProcess.Result result = FleetProcess.run(Map.of(), "--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: fleet").contains("Commands:");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void versionNamesTheRelease() throws Exception {
        FleetProcess.Result result = FleetProcess.run(Map.of(), "--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).matches("(?s)fleet \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void badUsageExitsTwoWithOneReadableLine() throws Exception {
        FleetProcess.Result result = FleetProcess.run(Map.of(), "--no-such-flag");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("fleet: Unknown option: '--no-such-flag'");
        assertThat(result.err()).doesNotContain("Exception");
    }
}
