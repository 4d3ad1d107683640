package dev.fleet.cli.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.Cli;
import dev.fleet.cli.command.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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
        assertThat(cli.out()).isEqualTo("no fleet timer or service in " + units + "; nothing to remove\n");
        assertThat(cli.calls).isEmpty();
    }

    private String serveUnit(String listen, String interval, String span) {
        return String.join("\n",
                "[Unit]",
                "Description=fleet serve: webhooks, API and metrics, and a reconcile of the GitHub Actions runner "
                        + "pools every " + span,
                "",
                "[Service]",
                "Type=exec",
                "EnvironmentFile=%h/.config/fleet/env",
                "ExecStart=/opt/fleet/fleet --config " + home.resolve(".config/fleet/config.json") + " serve --listen "
                        + listen + " --interval " + interval,
                "Restart=on-failure",
                "RestartSec=5s",
                "SuccessExitStatus=143",
                "TimeoutStopSec=90s",
                "",
                "[Install]",
                "WantedBy=default.target",
                "");
    }

    @Test
    void installServeWritesAServiceThatReadsItsSecretsFromTheCredentialsFileOnlyAndStartsIt() throws IOException {
        cli.env.put("FLEET_WEBHOOK_SECRET", "hook-secret-1123");
        cli.env.put("FLEET_API_TOKEN", "api-token-5813");
        cli.env.put("GITHUB_TOKEN", "ghp_token2134");

        assertThat(cli.run("schedule", "install", "--serve")).isEqualTo(ExitCode.OK);

        Path serve = units.resolve("fleet-serve.service");
        assertThat(serve).hasContent(serveUnit("127.0.0.1:8080", "2m", "2min"));
        assertThat(units.resolve("fleet-reconcile.timer")).doesNotExist();
        assertThat(Files.readString(envFile)).isEqualTo(EnvFile.TEMPLATE).contains("#FLEET_WEBHOOK_SECRET=\n",
                "#FLEET_API_TOKEN=\n");
        for (String secret : List.of("hook-secret-1123", "api-token-5813", "ghp_token2134")) {
            assertThat(Files.readString(serve)).doesNotContain(secret);
            assertThat(Files.readString(envFile)).doesNotContain(secret);
            assertThat(cli.out()).doesNotContain(secret);
        }
        assertThat(cli.calls).containsExactly(RELOAD, "run systemctl --user enable --now fleet-serve.service");
        assertThat(cli.out().lines()).containsExactly(
                "created " + envFile + " (owner-only): put GITHUB_TOKEN, FLEET_WEBHOOK_SECRET, FLEET_API_TOKEN and "
                        + "the Azure variables your config needs in it",
                "ran systemctl --user daemon-reload",
                "ran systemctl --user enable --now fleet-serve.service",
                "fleet serve listens on 127.0.0.1:8080 and reconciles every 2min while you are logged in; to keep it "
                        + "running after logout and from boot: loginctl enable-linger $USER",
                "its log: journalctl --user -u fleet-serve.service");
    }

    @Test
    void serveReplacesTheTimerAndARewrittenServiceIsRestarted() {
        cli.run("schedule", "install");
        cli.calls.clear();

        assertThat(cli.run("schedule", "install", "--serve", "--listen", "[::1]:9090", "--interval", "1m"))
                .isEqualTo(ExitCode.OK);

        assertThat(units.resolve("fleet-reconcile.timer")).doesNotExist();
        assertThat(units.resolve("fleet-reconcile.service")).doesNotExist();
        assertThat(units.resolve("fleet-serve.service")).content().contains(" serve --listen \"[::1]:9090\" "
                + "--interval 1m\n");
        assertThat(cli.calls).containsExactly("run systemctl --user disable --now fleet-reconcile.timer", RELOAD,
                "run systemctl --user enable --now fleet-serve.service");
        assertThat(cli.out()).contains("removed the reconcile timer: fleet serve runs the periodic pass\n");

        cli.calls.clear();
        assertThat(cli.run("schedule", "install", "--serve", "--listen", "0.0.0.0:8080")).isEqualTo(ExitCode.OK);
        assertThat(cli.calls).containsExactly(RELOAD, "run systemctl --user enable --now fleet-serve.service",
                "run systemctl --user restart fleet-serve.service");
    }

    @Test
    void serveOptionsThatCannotWorkAreBadInputAndChangeNothing() {
        assertThat(cli.run("schedule", "install", "--serve", "--listen", "8080")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).isEqualTo("fleet: --listen: must be HOST:PORT, [IPV6]:PORT or :PORT, with a port from 0 "
                + "to 65535, was '8080'\n");
        assertThat(cli.run("schedule", "install", "--serve", "--listen", "127.0.0.1:70000"))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).startsWith("fleet: --listen: must be HOST:PORT");
        assertThat(cli.run("schedule", "install", "--listen", "127.0.0.1:8080")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).isEqualTo("fleet: --listen: only with --serve\n");
        assertThat(cli.run("schedule", "install", "--serve", "--cron")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).startsWith("fleet: --serve: fleet serve runs as a systemd user service;");

        assertThat(home).doesNotExist();
        assertThat(cli.calls).isEmpty();
    }

    @Test
    void dryRunOfServePrintsItsUnit() {
        assertThat(cli.run("schedule", "install", "--serve", "--dry-run")).isEqualTo(ExitCode.OK);

        assertThat(cli.out()).isEqualTo("would write " + units.resolve("fleet-serve.service") + ":\n"
                + serveUnit("127.0.0.1:8080", "2m", "2min")
                + "would create " + envFile + " (owner-only, placeholders only)\n"
                + "would run: systemctl --user daemon-reload\n"
                + "would run: systemctl --user enable --now fleet-serve.service\n");
        assertThat(home).doesNotExist();
    }

    @Test
    void removeStopsTheServeServiceToo() {
        cli.run("schedule", "install", "--serve");
        cli.calls.clear();

        assertThat(cli.run("schedule", "remove")).isEqualTo(ExitCode.OK);

        assertThat(cli.calls).containsExactly("run systemctl --user disable --now fleet-serve.service", RELOAD);
        assertThat(units.resolve("fleet-serve.service")).doesNotExist();
        assertThat(cli.out()).isEqualTo("ran systemctl --user disable --now fleet-serve.service\n"
                + "ran systemctl --user daemon-reload\n"
                + "removed " + units.resolve("fleet-serve.service") + "; kept " + envFile + "\n");
    }

    @Test
    void statusSaysWhichUnitIsInstalledAndWhatSystemdSaysOfIt() {
        assertThat(cli.run("schedule", "status")).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).isEqualTo("fleet-reconcile.timer: not installed\nfleet-serve.service: not installed\n");

        cli.run("schedule", "install", "--serve");
        cli.answers.put("systemctl --user is-active fleet-serve.service", new ProcessRunner.Result(3, "failed\n"));

        assertThat(cli.run("schedule", "status")).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).isEqualTo("fleet-reconcile.timer: not installed\n"
                + "fleet-serve.service: installed (" + units.resolve("fleet-serve.service") + "), failed\n");
    }

    @Test
    void withoutASubcommandItPrintsItsUsage() {
        assertThat(cli.run("schedule")).isEqualTo(ExitCode.OK);

        assertThat(cli.out()).startsWith("Usage: fleet schedule").contains("install", "remove");
    }
}
