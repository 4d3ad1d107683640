package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aNewcomerWithoutPoolsOrCredentialsCanReconcileAndAskForStatus(@TempDir Path home) throws Exception {
        Map<String, String> env = Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_STATE_HOME", home.resolve("state").toString());
        for (String[] command : List.of(new String[] {"reconcile"}, new String[] {"github-runner", "status"})) {
            FleetProcess.Result result = FleetProcess.run(env, command);
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).isEqualTo("no pools in the config; add one with 'fleet github-runner enable'\n");
        }
    }
}
