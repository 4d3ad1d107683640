package dev.fleet.cli.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.Cli;
import dev.fleet.cli.command.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleCommandTest {
    private static final String RELOAD = "run systemctl --user daemon-reload";
    private static final String START = "run systemctl --user enable --now fleet-reconcile.timer";

    @TempDir
    Path dir;

    private Cli cli;
    private Path home;
    private Path units;
    private Path envFile;

    @BeforeEach
    void setUp() {
        home = dir.resolve("home");
        cli = new Cli(home);
        units = home.resolve(".config/systemd/user");
        envFile = home.resolve(".config/fleet/env");
    }

    private String service(String command) {
        return String.join("\n",
                "[Unit]",
                "Description=fleet reconcile: size the GitHub Actions runner pools to their job queues",
                "",
                "[Service]",
                "Type=oneshot",
                "EnvironmentFile=%h/.config/fleet/env",
                "ExecStart=" + command,
                "");
    }

    private static String timer(String span) {
        return String.join("\n",
                "[Unit]",
                "Description=Run fleet reconcile every " + span,
                "",
                "[Timer]",
                "OnBootSec=" + span,
                "OnUnitActiveSec=" + span,
                "AccuracySec=1s",
                "",
                "[Install]",
                "WantedBy=timers.target",
                "");
    }

    @Test
    void installWritesBothUnitsAnOwnerOnlyCredentialsFileAndStartsTheTimer() throws IOException {
        assertThat(cli.run("schedule", "install")).isEqualTo(ExitCode.OK);

        assertThat(units.resolve("fleet-reconcile.service")).hasContent(service("/opt/fleet/fleet --config "
                + home.resolve(".config/fleet/config.json") + " reconcile"));
        assertThat(units.resolve("fleet-reconcile.timer")).hasContent(timer("2min"));
        assertThat(Files.readString(envFile)).isEqualTo(EnvFile.TEMPLATE).doesNotContain("=ghp_");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile))).isEqualTo("rw-------");
        assertThat(cli.calls).containsExactly(RELOAD, START);
        assertThat(cli.out().lines()).containsExactly(
                "created " + envFile + " (owner-only): put GITHUB_TOKEN and the Azure variables your config needs "
                        + "in it",
                "ran systemctl --user daemon-reload",
                "ran systemctl --user enable --now fleet-reconcile.timer",
                "fleet reconcile runs every 2min while you are logged in; to keep it running after logout and from "
                        + "boot: loginctl enable-linger $USER",
                "its log: journalctl --user -u fleet-reconcile.service");
    }

    @Test
    void theUnitsGoUnderXdgConfigHomeAndRunTheConfigFileInUseNow() throws IOException {
        Path xdg = dir.resolve("xdg");
        cli.env.put("XDG_CONFIG_HOME", xdg.toString());
        Path config = dir.resolve("my configs/fleet.json");

        assertThat(cli.run("--config", config.toString(), "schedule", "install", "--interval", "90s"))
                .isEqualTo(ExitCode.OK);

        assertThat(Files.readString(xdg.resolve("systemd/user/fleet-reconcile.service")))
                .contains("EnvironmentFile=" + xdg.resolve("fleet/env") + "\n")
                .contains("ExecStart=/opt/fleet/fleet --config \"" + config + "\" reconcile\n");
        assertThat(xdg.resolve("systemd/user/fleet-reconcile.timer")).hasContent(timer("1min 30s"));
        assertThat(xdg.resolve("fleet/env")).exists();
    }

    @Test
    void anExistingCredentialsFileIsKeptAndAWorldReadableOneIsPointedOut() throws IOException {
        Files.createDirectories(envFile.getParent());
        Files.writeString(envFile, "GITHUB_TOKEN=kept\n");
        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(cli.run("schedule", "install")).isEqualTo(ExitCode.OK);

        assertThat(envFile).hasContent("GITHUB_TOKEN=kept\n");
        assertThat(cli.out()).startsWith("warning: " + envFile + " is readable by other users; chmod 600 it\n")
                .doesNotContain("kept");
    }

    @Test
    void reinstallingWithAnotherIntervalRestartsTheTimer() {
        cli.run("schedule", "install");
        cli.calls.clear();

        assertThat(cli.run("schedule", "install", "--interval", "5m", "--systemd")).isEqualTo(ExitCode.OK);
        assertThat(units.resolve("fleet-reconcile.timer")).hasContent(timer("5min"));
        assertThat(cli.calls).containsExactly(RELOAD, START, "run systemctl --user restart fleet-reconcile.timer");

        cli.calls.clear();
        assertThat(cli.run("schedule", "install", "--interval", "5m")).isEqualTo(ExitCode.OK);
        assertThat(cli.calls).containsExactly(RELOAD, START);
    }

    @Test
    void dryRunPrintsTheUnitsAndCommandsAndChangesNothing() {
        assertThat(cli.run("schedule", "install", "--dry-run", "--interval", "1h")).isEqualTo(ExitCode.OK);

        assertThat(cli.out()).isEqualTo("would write " + units.resolve("fleet-reconcile.service") + ":\n"
                + service("/opt/fleet/fleet --config " + home.resolve(".config/fleet/config.json") + " reconcile")
                + "would write " + units.resolve("fleet-reconcile.timer") + ":\n"
                + timer("1h")
                + "would create " + envFile + " (owner-only, placeholders only)\n"
                + "would run: systemctl --user daemon-reload\n"
                + "would run: systemctl --user enable --now fleet-reconcile.timer\n");
        assertThat(home).doesNotExist();
        assertThat(cli.calls).isEmpty();
    }

    @Test
    void cronPrintsTheLineAndChangesNothing() {
        assertThat(cli.run("schedule", "install", "--cron", "--interval", "10m")).isEqualTo(ExitCode.OK);

        assertThat(cli.out()).isEqualTo("Add this line with 'crontab -e':\n"
                + "*/10 * * * * set -a; . " + envFile + "; set +a; exec /opt/fleet/fleet --config "
                + home.resolve(".config/fleet/config.json") + " reconcile --quiet\n"
                + "It reads credentials from " + envFile + ": create it owner-only (chmod 600) with GITHUB_TOKEN=... "
                + "and the Azure variables your config needs.\n");
        assertThat(home).doesNotExist();
        assertThat(cli.calls).isEmpty();
    }

    @Test
    void anIntervalCronCannotKeepOrUnderAMinuteIsBadInput() {
        assertThat(cli.run("schedule", "install", "--cron", "--interval", "7m")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).startsWith("fleet: cron cannot run every 7m evenly");

        assertThat(cli.run("schedule", "install", "--interval", "30s")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).isEqualTo("fleet: --interval: must be between 1m and 1d, was 30s\n");

        assertThat(cli.run("schedule", "install", "--cron", "--systemd")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(home).doesNotExist();
    }

    @Test
    void withoutAUserSessionSystemctlFailsWithTheWayOut() {
        cli.answers.put("systemctl --user daemon-reload",
                new ProcessRunner.Result(1, "Failed to connect to bus: No medium found\n"));

        assertThat(cli.run("schedule", "install")).isEqualTo(ExitCode.FAILURE);

        assertThat(cli.err()).isEqualTo("fleet: systemctl --user daemon-reload failed (exit 1): Failed to connect to "
                + "bus: No medium found; without a user session (ssh, containers) systemd user timers are "
                + "unavailable: use --cron\n");
        assertThat(cli.calls).containsExactly(RELOAD);
    }

    @Test
    void removeStopsTheTimerDeletesTheUnitsAndKeepsTheCredentials() {
        cli.run("schedule", "install");
        cli.calls.clear();

        assertThat(cli.run("schedule", "remove")).isEqualTo(ExitCode.OK);

        assertThat(cli.calls).containsExactly("run systemctl --user disable --now fleet-reconcile.timer", RELOAD);
        assertThat(units.resolve("fleet-reconcile.service")).doesNotExist();
        assertThat(units.resolve("fleet-reconcile.timer")).doesNotExist();
        assertThat(envFile).exists();
        assertThat(cli.out()).endsWith("kept " + envFile + "\n");

        cli.calls.clear();
        assertThat(cli.run("schedule", "remove")).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).isEqualTo("no fleet timer in " + units + "; nothing to remove\n");
        assertThat(cli.calls).isEmpty();
    }

    @Test
    void withoutASubcommandItPrintsItsUsage() {
        assertThat(cli.run("schedule")).isEqualTo(ExitCode.OK);

        assertThat(cli.out()).startsWith("Usage: fleet schedule").contains("install", "remove");
    }
}
