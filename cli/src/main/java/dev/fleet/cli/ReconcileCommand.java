package dev.fleet.cli;

import dev.fleet.cli.command.Bounds;
import dev.fleet.cli.command.DurationConverter;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.FleetCommand;
import dev.fleet.cli.command.Json;
import dev.fleet.cli.command.OutputOption;
import dev.fleet.config.ConfigException;
import dev.fleet.config.FleetConfig;
import dev.fleet.lifecycle.reconcile.PassReport;
import dev.fleet.lifecycle.reconcile.PoolReport;
import dev.fleet.lifecycle.reconcile.ReconcileRequest;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code fleet reconcile}: one pass over the pools, for a timer or cron, or a loop of passes, for a service. */
@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        description = {
            "Bring every enabled pool in line with its job queue: look at the pool's VMs in Azure, its runners on "
                    + "GitHub and its queued jobs; remove what is finished, orphaned or broken; then start or remove "
                    + "runners as the pool's scaling policy decides. Disabled pools are drained.",
            "Run it from a systemd timer or cron ('fleet schedule install'), or with --watch as a service. Two "
                    + "passes never act on the same pool at once.",
            "With --quiet, a pass that went through prints nothing: cron mails only the passes that need a look.",
            "Exit status: 0 when every pool was reconciled, 1 when a pool failed, was locked by another fleet "
                    + "process, or an action failed, 2 on bad input."})
final class ReconcileCommand extends FleetCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileCommand.class);
    /** Within systemd's default 90 s stop timeout, leaving time to undo what an interrupted pass made. */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    /** A watch that passes less often than daily leaves finished VMs billed for a day: that is a timer's job. */
    private static final Duration MAX_INTERVAL = Duration.ofDays(1);
    /** A person or a timer waits at most this long for another process's pass; an hour is longer than any pass. */
    private static final Duration MAX_LOCK_WAIT = Duration.ofHours(1);
    /** What a pass or status over a config without pools prints. */
    static final String NO_POOLS = "no pools in the config; add one with 'fleet github-runner enable'";

    @ParentCommand
    Fleet fleet;

    @Option(names = "--pool", paramLabel = "NAME", description = "Only this pool (default: every pool in the config).")
    String pool;

    @Option(names = "--dry-run", description = "Show what the pass sees and would do; change nothing anywhere.")
    boolean dryRun;

    @Option(names = "--watch", description = "Pass after pass, --interval apart, until stopped (SIGTERM or Ctrl-C "
            + "lets the pass under way finish).")
    boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "With --watch: the wait between passes, 10s to 1d (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--lock-wait", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for a pool another fleet process is reconciling before skipping it, "
                    + "up to 1h (default: ${DEFAULT-VALUE}).")
    Duration lockWait;

    @Mixin
    OutputOption output;

    private final ReconciliationCache reconciliations = new ReconciliationCache();

    @Override
    public Integer call() {
        Bounds.duration("--interval", interval, MIN_INTERVAL, MAX_INTERVAL);
        Bounds.duration("--lock-wait", lockWait, Duration.ZERO, MAX_LOCK_WAIT);
        // A timer's single pass gets the same care on SIGTERM as a watch: finish, or undo what can be undone.
        WatchLoop loop = watch ? new WatchLoop(interval, STOP_GRACE) : WatchLoop.once(STOP_GRACE);
        Thread stopper = new Thread(loop::stop, "fleet-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return loop.run(watch ? this::watchedPass : () -> pass(load())) ? ExitCode.OK : ExitCode.FAILURE;
        } finally {
            removeHook(stopper);
        }
    }

    private boolean watchedPass() {
        return watched(() -> pass(load()));
    }

    /** A broken config in the middle of a watch is reported and waited out, not a reason to stop the service. */
    static boolean watched(BooleanSupplier pass) {
        try {
            return pass.getAsBoolean();
        } catch (ConfigException e) {
            LOG.error("config not loaded, pass skipped: {}", e.getMessage());
            return false;
        }
    }

    private FleetConfig load() {
        return Reconciliation.load(fleet, Optional.ofNullable(pool));
    }

    private boolean pass(FleetConfig config) {
        PassReport report = reconciliations.of(fleet, config).run(config,
                new ReconcileRequest(Optional.ofNullable(pool), dryRun, false, lockWait),
                PassProgress.forTerminal(err(), terminal()));
        if (output.json()) {
            // One object a line when watching, so a log shipper or jq reads pass after pass.
            out().println(watch ? Json.compact(report) : Json.write(report));
        } else if (!(fleet.quiet && report.ok())) {
            print(out(), report);
        }
        out().flush();
        return report.ok();
    }

    static void print(PrintWriter out, PassReport report) {
        if (report.pools().isEmpty()) {
            out.println(NO_POOLS);
            return;
        }
        for (PoolReport pool : report.pools()) {
            out.print(PoolReportText.render(pool));
        }
        out.print(PoolReportText.sweep(report.sweep()));
    }

    /** The JVM refuses the removal once it is shutting down, which is exactly when the hook has run. */
    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            LOG.debug("shutting down; the stop hook stays");
        }
    }
}
