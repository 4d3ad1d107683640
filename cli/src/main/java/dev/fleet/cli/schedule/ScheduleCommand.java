package dev.fleet.cli.schedule;

import dev.fleet.cli.command.CommandGroup;
import dev.fleet.cli.command.DurationConverter;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.FleetException;
import dev.fleet.cli.serve.ListenAddress;
import dev.fleet.config.XdgBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code fleet schedule}: runs {@code fleet reconcile} on a timer, as a systemd user timer or a crontab line, or
 * {@code fleet serve} as a systemd user service. The units run the very launcher and config file the command was run
 * with, and read credentials from an owner-only file beside the config that fleet creates with placeholders only.
 */
@Command(
        name = "schedule",
        mixinStandardHelpOptions = true,
        description = "Run 'fleet reconcile' on a timer (a systemd user timer, the default, or a crontab line), or "
                + "'fleet serve' as a systemd user service.")
public final class ScheduleCommand extends CommandGroup {
    private static final List<String> SYSTEMCTL = List.of("systemctl", "--user");
    private static final String DEFAULT_LISTEN = "127.0.0.1:8080";

    @ParentCommand
    ScheduledFleet fleet;

    /** Where the timer lives. */
    static final class Kind {
        @Option(names = "--systemd", required = true,
                description = "Install a systemd user timer and start it (the default).")
        boolean systemd;

        @Option(names = "--cron", required = true,
                description = "Print the crontab line instead; change nothing.")
        boolean cron;
    }

    @Command(name = "install", mixinStandardHelpOptions = true, description = {
        "Run 'fleet reconcile' every --interval with this launcher and config file. systemd: writes "
                + "fleet-reconcile.service and fleet-reconcile.timer to the user's systemd folder, creates the "
                + "credentials file if missing (owner-only, placeholders only), then reloads systemd and starts the "
                + "timer. --cron prints the crontab line instead and changes nothing.",
        "--serve runs 'fleet serve' instead, as the service fleet-serve.service, restarted when it fails: it "
                + "serves webhooks, the API and metrics on --listen, and reconciles every --interval itself, so it "
                + "replaces the timer."})
    int install(
            @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2m",
                    converter = DurationConverter.class,
                    description = "Time between two passes, at least 1m (default: ${DEFAULT-VALUE}).")
            Duration every,
            @ArgGroup(exclusive = true) Kind kind,
            @Option(names = "--serve", description = "Run 'fleet serve' as a systemd user service instead of the "
                    + "reconcile timer.")
            boolean serve,
            @Option(names = "--listen", paramLabel = "HOST:PORT", description = "With --serve: where it listens "
                    + "(default: " + DEFAULT_LISTEN + "; a reverse proxy or tunnel brings GitHub's webhooks "
                    + "there).")
            String listen,
            @Option(names = "--dry-run", description = "Print the files and commands; change nothing.")
            boolean dryRun) {
        Interval interval = new Interval(every);
        if (listen != null && !serve) {
            throw FleetException.badInput("--listen: only with --serve");
        }
        boolean cron = kind != null && kind.cron;
        if (serve && cron) {
            throw FleetException.badInput("--serve: fleet serve runs as a systemd user service; cron starts "
                    + "commands, it cannot keep a server running");
        }
        if (cron) {
            // Cron mails whatever a job prints: only warnings and errors, then, and the report of a pass that failed.
            List<String> quiet = new ArrayList<>(fleetCommand());
            quiet.addAll(List.of("reconcile", "--quiet"));
            printCron(new CronEntry(quiet, envFile(), interval));
            return ExitCode.OK;
        }
        ListenAddress address = listenAddress(listen == null ? DEFAULT_LISTEN : listen);
        SystemdUnits units = new SystemdUnits(fleetCommand(), envFile(), interval, home());
        Map<String, String> files = new LinkedHashMap<>();
        String started;
        if (serve) {
            files.put(SystemdUnits.SERVE, units.serve(address));
            started = SystemdUnits.SERVE;
        } else {
            files.put(SystemdUnits.SERVICE, units.service());
            files.put(SystemdUnits.TIMER, units.timer());
            started = SystemdUnits.TIMER;
        }
        if (dryRun) {
            printPlan(files, started);
            return ExitCode.OK;
        }
        try {
            if (EnvFile.ensure(envFile())) {
                out().println("created " + envFile() + " (owner-only): put GITHUB_TOKEN"
                        + (serve ? ", FLEET_WEBHOOK_SECRET, FLEET_API_TOKEN" : "")
                        + " and the Azure variables your config needs in it");
            } else if (EnvFile.readableByOthers(envFile())) {
                out().println("warning: " + envFile() + " is readable by other users; chmod 600 it");
            }
            if (serve && Files.exists(unitFolder().resolve(SystemdUnits.TIMER))) {
                // fleet serve reconciles every interval itself; the timer's passes beside it would only wait for locks.
                removeUnits(SystemdUnits.TIMER, SystemdUnits.TIMER, SystemdUnits.SERVICE);
                out().println("removed the reconcile timer: fleet serve runs the periodic pass");
            }
            boolean rewritten = false;
            for (Map.Entry<String, String> unit : files.entrySet()) {
                boolean replaced = write(unitFolder().resolve(unit.getKey()), unit.getValue());
                // A oneshot runs its new command line at its next start; a timer and a server need a restart.
                rewritten |= replaced && !unit.getKey().equals(SystemdUnits.SERVICE);
            }
            systemctl("daemon-reload");
            systemctl("enable", "--now", started);
            if (rewritten) {
                // enable --now leaves a timer on its old schedule, and a server on its old command line.
                systemctl("restart", started);
            }
        } catch (IOException e) {
            throw FleetException.failure("cannot write the schedule: " + e.getMessage(), e);
        }
        String log = serve ? SystemdUnits.SERVE : SystemdUnits.SERVICE;
        out().println((serve ? "fleet serve listens on " + address + " and reconciles" : "fleet reconcile runs") + " every " + interval.systemd()
                + " while you are logged in; to keep it running after logout and from boot: loginctl enable-linger "
                + "$USER");
        out().println("its log: journalctl --user -u " + log);
        return ExitCode.OK;
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = {
        "Stop and disable the systemd timer and the fleet serve service, and delete their units. The credentials "
                + "file stays; a crontab line stays until you delete it with 'crontab -e'."})
    int remove() {
        List<String> removed = new ArrayList<>();
        if (installed(SystemdUnits.TIMER) || installed(SystemdUnits.SERVICE)) {
            removed.addAll(removeUnits(SystemdUnits.TIMER, SystemdUnits.TIMER, SystemdUnits.SERVICE));
        }
        if (installed(SystemdUnits.SERVE)) {
            removed.addAll(removeUnits(SystemdUnits.SERVE, SystemdUnits.SERVE));
        }
        if (removed.isEmpty()) {
            out().println("no fleet timer or service in " + unitFolder() + "; nothing to remove");
            return ExitCode.OK;
        }
        systemctl("daemon-reload");
        out().println("removed " + String.join(" and ", removed) + "; kept " + envFile());
        return ExitCode.OK;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = {
        "Show whether the reconcile timer and the fleet serve service are installed, and what systemd says of "
                + "them. Changes nothing."})
    int status() {
        for (String unit : List.of(SystemdUnits.TIMER, SystemdUnits.SERVE)) {
            if (!installed(unit)) {
                out().println(unit + ": not installed");
                continue;
            }
            // is-active exits non-zero for anything but active, and says which state it is in: that is the answer.
            ProcessRunner.Result state = fleet.processes().run(List.of("systemctl", "--user", "is-active", unit));
            out().println(unit + ": installed (" + unitFolder().resolve(unit) + "), "
                    + state.output().lines().findFirst().orElse("unknown"));
        }
        return ExitCode.OK;
    }

    /** Stops {@code unit} and deletes {@code files} of the unit folder; the paths it deleted. */
    private List<String> removeUnits(String unit, String... files) {
        systemctl("disable", "--now", unit);
        List<String> deleted = new ArrayList<>();
        try {
            for (String file : files) {
                if (Files.deleteIfExists(unitFolder().resolve(file))) {
                    deleted.add(unitFolder().resolve(file).toString());
                }
            }
        } catch (IOException e) {
            throw FleetException.failure("cannot delete the units: " + e.getMessage(), e);
        }
        return deleted;
    }

    private static ListenAddress listenAddress(String text) {
        try {
            return ListenAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw FleetException.badInput("--listen: " + e.getMessage());
        }
    }

    private boolean installed(String unit) {
        return Files.exists(unitFolder().resolve(unit));
    }

    /** This fleet, with the config file it uses now named outright: a unit's environment may not find it. */
    private List<String> fleetCommand() {
        List<String> command = new ArrayList<>(fleet.launcher().command());
        command.add("--config");
        command.add(fleet.configLocation().path().toAbsolutePath().normalize().toString());
        return command;
    }

    private void printCron(CronEntry entry) {
        out().println("Add this line with 'crontab -e':");
        out().println(entry.line());
        if (!Files.exists(envFile())) {
            out().println("It reads credentials from " + envFile() + ": create it owner-only (chmod 600) with "
                    + "GITHUB_TOKEN=... and the Azure variables your config needs.");
        }
    }

    private void printPlan(Map<String, String> files, String started) {
        files.forEach((name, content) -> {
            out().println("would write " + unitFolder().resolve(name) + ":");
            out().print(content);
        });
        if (!Files.exists(envFile())) {
            out().println("would create " + envFile() + " (owner-only, placeholders only)");
        }
        out().println("would run: " + String.join(" ", SYSTEMCTL) + " daemon-reload");
        out().println("would run: " + String.join(" ", SYSTEMCTL) + " enable --now " + started);
    }

    /** Writes a unit; says whether it replaced one with other content. */
    private static boolean write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        boolean replaced = Files.exists(file) && !Files.readString(file, StandardCharsets.UTF_8).equals(content);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return replaced;
    }

    private void systemctl(String... arguments) {
        List<String> command = new ArrayList<>(SYSTEMCTL);
        command.addAll(List.of(arguments));
        ProcessRunner.Result result = fleet.processes().run(command);
        if (!result.succeeded()) {
            String said = result.output().lines().findFirst().orElse("no output");
            throw new FleetException(ExitCode.FAILURE, String.join(" ", command) + " failed (exit "
                    + result.exitCode() + "): " + said + "; without a user session (ssh, containers) systemd user "
                    + "timers are unavailable: use --cron");
        }
        out().println("ran " + String.join(" ", command));
    }

    private Path envFile() {
        return XdgBase.CONFIG.fleetFolder(fleet.env()).resolve("env");
    }

    /** {@code $XDG_CONFIG_HOME/systemd/user}: fleet's config folder is {@code $XDG_CONFIG_HOME/fleet}. */
    private Path unitFolder() {
        return XdgBase.CONFIG.fleetFolder(fleet.env()).getParent().resolve("systemd").resolve("user");
    }

    private Path home() {
        String home = fleet.env().get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }
}
