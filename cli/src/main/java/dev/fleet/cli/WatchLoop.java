package dev.fleet.cli;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs passes one after another, {@code interval} apart, until told to stop. A stop during the wait ends the loop at
 * once; a stop during a pass lets that pass finish, for up to {@code grace}, since a pass cut short leaves half-made
 * VMs for the next one to clean up. Past the grace the pass is interrupted, which makes the provisioning threads
 * undo what they can.
 */
final class WatchLoop {
    private static final Logger LOG = LoggerFactory.getLogger(WatchLoop.class);

    private final Duration interval;
    private final Duration grace;
    private final boolean repeat;
    private final Object lock = new Object();
    private boolean stopping;
    private Thread runner;

    WatchLoop(Duration interval, Duration grace) {
        this(interval, grace, true);
    }

    private WatchLoop(Duration interval, Duration grace, boolean repeat) {
        this.interval = Objects.requireNonNull(interval, "interval");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.repeat = repeat;
    }

    /** A single pass with the same care on stop, for a timer's {@code reconcile}. */
    static WatchLoop once(Duration grace) {
        return new WatchLoop(Duration.ZERO, grace, false);
    }

    /**
     * Runs until {@link #stop} is called or the current thread is interrupted.
     *
     * @param pass one pass; returns whether it succeeded
     * @return whether the last pass succeeded
     */
    boolean run(BooleanSupplier pass) {
        synchronized (lock) {
            runner = Thread.currentThread();
        }
        boolean ok = true;
        try {
            while (!stopRequested()) {
                ok = pass.getAsBoolean();
                if (!repeat || !pause()) {
                    break;
                }
            }
        } finally {
            synchronized (lock) {
                runner = null;
                lock.notifyAll();
            }
        }
        return ok;
    }

    /**
     * Asks the loop to stop and waits until it has, at most the grace period plus a moment for an interrupted pass
     * to unwind. Called from a shutdown hook on SIGTERM.
     */
    void stop() {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
            if (runner == null) {
                return;
            }
            LOG.info("stopping: letting the pass under way finish, for up to {}", grace);
            if (!awaitEnd(grace) && runner != null) {
                LOG.warn("the pass did not finish within {}; interrupting it", grace);
                runner.interrupt();
                awaitEnd(Duration.ofSeconds(10));
            }
        }
    }

    private boolean stopRequested() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** Waits out the interval; false when the loop should end instead. */
    private boolean pause() {
        long deadline = System.nanoTime() + interval.toNanos();
        synchronized (lock) {
            try {
                for (long left = interval.toNanos(); !stopping && left > 0; left = deadline - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !stopping;
        }
    }

    private boolean awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (long left = timeout.toNanos(); runner != null && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return runner == null;
    }
}
