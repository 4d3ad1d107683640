package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.cli.command.FleetException;
import dev.fleet.cli.schedule.Launcher;
import dev.fleet.cli.schedule.ProcessRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real outside world, where a test can use it without side effects. */
class WiringTest {
    @Test
    void programsRunToTheirEndWithTheirOutputAndExitCode() {
        ProcessRunner.Result result = ProcessRunner.system().run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));

        assertThat(result).isEqualTo(new ProcessRunner.Result(3, "out\nerr\n"));
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void aProgramThatIsNotInstalledIsAFailureNamingIt() {
        assertThatThrownBy(() -> ProcessRunner.system().run(List.of("fleet-no-such-program")))
                .isInstanceOfSatisfying(FleetException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessageStartingWith("cannot run fleet-no-such-program: ");
    }

    @Test
    void theLauncherScriptNamesItselfForTheSchedule() {
        Launcher launcher = Launcher.of(Map.of(Launcher.ENV, "/opt/fleet/./fleet"));

        assertThat(launcher.command()).containsExactly("/opt/fleet/fleet");
    }

    @Test
    void withoutLauncherOrJarThereIsNoCommandToSchedule() {
        // Tests run from target/classes, which is a folder, not fleet's jar.
        assertThatThrownBy(() -> Launcher.of(Map.of()).command()).isInstanceOf(FleetException.class)
                .hasMessageContaining(Path.of("target", "classes").toString())
                .hasMessageContaining("not from its jar");
    }
}
