package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command a schedule runs is the fleet that installed it: the jar, or the launcher script when it started it. */
class ScheduleIT {
    @TempDir
    Path dir;

    private String cronLine(FleetProcess.Result result) {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out().lines().skip(1).findFirst().orElseThrow();
    }

    @Test
    void fromTheJarTheScheduleRunsThisJavaWithThisJar() throws Exception {
        Path home = dir.resolve("home");

        String line = cronLine(FleetProcess.run(Map.of("HOME", home.toString()), "schedule", "install", "--cron"));

        assertThat(line).isEqualTo("*/2 * * * * set -a; . " + home.resolve(".config/fleet/env") + "; set +a; exec "
                + FleetProcess.JAVA + " -jar " + FleetProcess.JAR.toAbsolutePath().normalize() + " --config "
                + home.resolve(".config/fleet/config.json") + " reconcile --quiet");
    }

    @Test
    void fromTheLauncherTheScheduleRunsTheLauncher() throws Exception {
        Path home = dir.resolve("home");

        String line = cronLine(FleetProcess.runLauncher(Map.of("HOME", home.toString(), "FLEET_JAR",
                FleetProcess.JAR.toString(), "JAVA_HOME", FleetProcess.JAVA.getParent().getParent().toString()),
                "schedule", "install", "--cron", "--interval", "1h"));

        assertThat(line).endsWith("; set +a; exec " + FleetProcess.REPO.resolve("fleet") + " --config "
                + home.resolve(".config/fleet/config.json") + " reconcile --quiet").startsWith("0 * * * * ");
    }
}
