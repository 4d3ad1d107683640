package dev.fleet.lifecycle.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerFlagsTest {
    private final RunnerFlags flags = RunnerFlags.load();

    @Test
    void acceptsTheConfigureLineTheScriptWrites() {
        assertThat(flags.problems("config.sh", List.of(
                "--url", "https://github.com/o/r", "--name", "vm-1", "--labels", "a,b", "--runnergroup", "g",
                "--work", "_work", "--ephemeral", "--unattended", "--disableupdate"))).isEmpty();
    }

    @Test
    void rejectsAnOptionTheCommandDoesNotHave() {
        assertThat(flags.problems("config.sh", List.of("--jitconfig", "x", "--once")))
                .containsExactly("config.sh does not accept --jitconfig", "config.sh does not accept x",
                        "config.sh does not accept --once");
        assertThat(flags.problems("run.sh", List.of("--ephemeral"))).containsExactly("run.sh does not accept --ephemeral");
    }

    @Test
    void rejectsAnArgumentWithoutItsValue() {
        assertThat(flags.problems("config.sh", List.of("--name", "--unattended"))).containsExactly("--name needs a value");
        assertThat(flags.problems("run.sh", List.of("--jitconfig"))).containsExactly("--jitconfig needs a value");
    }

    @Test
    void acceptsRunOptions() {
        assertThat(flags.problems("run.sh", List.of())).isEmpty();
        assertThat(flags.problems("run.sh", List.of("--once", "--startuptype", "service"))).isEmpty();
    }
}
