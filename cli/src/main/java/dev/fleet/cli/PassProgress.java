package dev.fleet.cli;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.lifecycle.ProvisionOutcome;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One line per pool as a pass reaches it and per VM and step while VMs are provisioned, for a person at a terminal:
 * creating, booting, installing, waiting for GitHub, then online or why not. Lines rather than a redrawn table, so
 * the record survives a scrolled or captured terminal. Cron and systemd get {@link ReconcileListener#NONE} instead:
 * their output is mailed or logged, and the report says it all.
 */
final class PassProgress implements ReconcileListener {
    private final PrintWriter err;
    private final InstantSource clock;
    private final Map<String, Instant> started = new ConcurrentHashMap<>();

    PassProgress(PrintWriter err, InstantSource clock) {
        this.err = err;
        this.clock = clock;
    }

    /** Progress when a person watches at a terminal, nothing elsewhere. */
    static ReconcileListener forTerminal(PrintWriter err, boolean terminal) {
        return terminal ? new PassProgress(err, InstantSource.system()) : ReconcileListener.NONE;
    }

    @Override
    public void poolStarted(String pool) {
        synchronized (err) {
            err.println("pool " + pool + ": looking at Azure, GitHub and the job queue");
            err.flush();
        }
    }

    @Override
    public void stage(String vmName, Stage stage) {
        started.putIfAbsent(vmName, clock.instant());
        print(vmName, switch (stage) {
            case CREATING -> "creating VM";
            case BOOTING -> "booting, waiting for SSH";
            case INSTALLING -> "logged in, installing the runner";
            case WAITING_FOR_ONLINE -> "installed, waiting for GitHub to list it online";
        });
    }

    @Override
    public void finished(ProvisionOutcome outcome) {
        print(outcome.vmName(), outcome.describe());
        started.remove(outcome.vmName());
    }

    private void print(String vmName, String what) {
        Duration elapsed = Duration.between(started.getOrDefault(vmName, clock.instant()), clock.instant());
        synchronized (err) {
            err.printf("  %-32s %6s  %s%n", vmName, DurationText.format(elapsed), what);
            err.flush();
        }
    }
}
