package dev.fleet.cli.schedule;

import dev.fleet.cli.command.CommandGroup;
import dev.fleet.cli.command.DurationConverter;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.FleetException;
import dev.fleet.config.XdgBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code fleet schedule}: runs {@code fleet reconcile} on a timer, as a systemd user timer or a crontab line. The
 * units run the very launcher and config file the command was run with, and read credentials from an owner-only
 * file beside the config that fleet creates with placeholders only.
 */
@Command(
        name = "schedule",
        mixinStandardHelpOptions = true,
        description = "Run 'fleet reconcile' on a timer: a systemd user timer (the default) or a crontab line.")
public final class ScheduleCommand extends CommandGroup {
    private static final List<String> SYSTEMCTL = List.of("systemctl", "--user");

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
                + "timer. --cron prints the crontab line instead and changes nothing."})
    int install(
            @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2m",
                    converter = DurationConverter.class,
                    description = "Time between two passes, at least 1m (default: ${DEFAULT-VALUE}).")
            Duration every,
            @ArgGroup(exclusive = true) Kind kind,
            @Option(names = "--dry-run", description = "Print the files and commands; change nothing.")
            boolean dryRun) {
        Interval interval = new Interval(every);
        List<String> command = reconcileCommand();
        if (kind != null && kind.cron) {
            // Cron mails whatever a job prints: only warnings and errors, then, and the report of a pass that failed.
            List<String> quiet = new ArrayList<>(command);
            quiet.add("--quiet");
            printCron(new CronEntry(quiet, envFile(), interval));
            return ExitCode.OK;
        }
        SystemdUnits units = new SystemdUnits(command, envFile(), interval, home());
        if (dryRun) {
            printPlan(units);
            return ExitCode.OK;
        }
        try {
            if (EnvFile.ensure(envFile())) {
                out().println("created " + envFile() + " (owner-only): put GITHUB_TOKEN and the Azure variables "
                        + "your config needs in it");
            } else if (EnvFile.readableByOthers(envFile())) {
                out().println("warning: " + envFile() + " is readable by other users; chmod 600 it");
            }
            write(unitFolder().resolve(SystemdUnits.SERVICE), units.service());
            boolean rescheduled = write(unitFolder().resolve(SystemdUnits.TIMER), units.timer());
            systemctl("daemon-reload");
            systemctl("enable", "--now", SystemdUnits.TIMER);
            if (rescheduled) {
                // enable --now leaves a timer that already runs on its old schedule.
                systemctl("restart", SystemdUnits.TIMER);
            }
        } catch (IOException e) {
            throw FleetException.failure("cannot write the schedule: " + e.getMessage(), e);
        }
        out().println("fleet reconcile runs every " + interval.systemd() + " while you are logged in; to keep it "
                + "running after logout and from boot: loginctl enable-linger $USER");
        out().println("its log: journalctl --user -u " + SystemdUnits.SERVICE);
        return ExitCode.OK;
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = {
        "Stop and disable the systemd timer and delete its two units. The credentials file stays; a crontab line "
                + "stays until you delete it with 'crontab -e'."})
    int remove() {
        Path service = unitFolder().resolve(SystemdUnits.SERVICE);
        Path timer = unitFolder().resolve(SystemdUnits.TIMER);
        if (!Files.exists(service) && !Files.exists(timer)) {
            out().println("no fleet timer in " + unitFolder() + "; nothing to remove");
            return ExitCode.OK;
        }
        systemctl("disable", "--now", SystemdUnits.TIMER);
        try {
            Files.deleteIfExists(timer);
            Files.deleteIfExists(service);
        } catch (IOException e) {
            throw FleetException.failure("cannot delete the units: " + e.getMessage(), e);
        }
        systemctl("daemon-reload");
        out().println("removed " + timer + " and " + service + "; kept " + envFile());
        return ExitCode.OK;
    }

    /** This fleet, with the config file it uses now named outright: a timer's environment may not find it. */
    private List<String> reconcileCommand() {
        List<String> command = new ArrayList<>(fleet.launcher().command());
        command.add("--config");
        command.add(fleet.configLocation().path().toAbsolutePath().normalize().toString());
        command.add("reconcile");
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

    private void printPlan(SystemdUnits units) {
        out().println("would write " + unitFolder().resolve(SystemdUnits.SERVICE) + ":");
        out().print(units.service());
        out().println("would write " + unitFolder().resolve(SystemdUnits.TIMER) + ":");
        out().print(units.timer());
        if (!Files.exists(envFile())) {
            out().println("would create " + envFile() + " (owner-only, placeholders only)");
        }
        out().println("would run: " + String.join(" ", SYSTEMCTL) + " daemon-reload");
        out().println("would run: " + String.join(" ", SYSTEMCTL) + " enable --now " + SystemdUnits.TIMER);
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
