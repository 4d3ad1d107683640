package dev.fleet.cli.serve;

import dev.fleet.concurrent.Workers;
import dev.fleet.lifecycle.reconcile.PassReport;
import dev.fleet.lifecycle.reconcile.PoolReport;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The passes of {@code serve}: the periodic pass over every pool ({@link #passAll}, on the caller's thread), and the
 * passes of one pool that events ask for ({@link #request}), on a few threads of their own. A pool has at most one
 * requested pass running and one waiting: requests that arrive while it runs are all answered by the one pass after
 * it, which looks at the world afresh. The periodic pass and a requested one meet at the pool's lock, which makes
 * the later one wait its turn.
 */
public final class PassScheduler implements PoolPasses {
    private static final Logger LOG = LoggerFactory.getLogger(PassScheduler.class);

    private final PassRunner runner;
    /** What every pass is told: the record of each pool's latest pass, then the listener serve gave. */
    private final ReconcileListener heard;
    private final Clock clock;
    private final ExecutorService executor;
    private final Map<String, Lane> lanes = new HashMap<>();
    private final Map<String, LastPass> latest = new ConcurrentHashMap<>();
    private boolean closed;

    /** A pool's requested passes: whether one runs, and whether another was asked for meanwhile. */
    private static final class Lane {
        boolean running;
        boolean again;
    }

    /**
     * @param listener hears every pass, periodic and requested (metrics, the page's history)
     * @param threads  requested passes of different pools run at once, up to this many
     */
    public PassScheduler(PassRunner runner, ReconcileListener listener, Clock clock, int threads) {
        this.runner = Objects.requireNonNull(runner, "runner");
        ReconcileListener recorder = new ReconcileListener() {
            @Override
            public void poolFinished(PoolReport report) {
                record(report);
            }
        };
        this.heard = PassListeners.of(List.of(recorder, Objects.requireNonNull(listener, "listener")));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Executors.newFixedThreadPool(threads, Workers.daemons("fleet-pass"));
    }

    @Override
    public void request(String pool, String why) {
        Objects.requireNonNull(pool, "pool");
        synchronized (lanes) {
            if (closed) {
                LOG.debug("pool {}: pass for {} not started, stopping", pool, why);
                return;
            }
            Lane lane = lanes.computeIfAbsent(pool, name -> new Lane());
            if (lane.running) {
                lane.again = true;
                return;
            }
            lane.running = true;
        }
        LOG.info("pool {}: pass for {}", pool, why);
        try {
            executor.execute(() -> drive(pool));
        } catch (RejectedExecutionException stopping) {
            finished(pool);
        }
    }

    /** The periodic pass over every pool of the config, and what the pools no longer in it left behind. */
    public PassReport passAll() {
        return runner.run(Optional.empty(), heard);
    }

    @Override
    public Map<String, LastPass> latest() {
        return Map.copyOf(latest);
    }

    /**
     * Lets the requested passes under way finish, for up to {@code grace}; past it they are interrupted, which makes
     * provisioning undo what it can. No pass starts after this is called.
     */
    public void close(Duration grace) {
        synchronized (lanes) {
            closed = true;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the requested passes did not finish within {}; interrupting them", grace);
                executor.shutdownNow();
                executor.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void drive(String pool) {
        do {
            try {
                runner.run(Optional.of(pool), heard);
            } catch (RuntimeException e) {
                // A pool removed from the config since the event, or a config that no longer loads: the periodic pass
                // tells the rest.
                LOG.warn("pool {}: pass not run: {}", pool, e.getMessage());
            }
        } while (!finished(pool));
    }

    /** Ends the pool's run of passes unless another was asked for meanwhile; true when it ended. */
    private boolean finished(String pool) {
        synchronized (lanes) {
            Lane lane = lanes.get(pool);
            if (lane.again && !closed) {
                lane.again = false;
                return false;
            }
            lane.running = false;
            lane.again = false;
            return true;
        }
    }

    private boolean laneRunning(String pool) {
        synchronized (lanes) {
            Lane lane = lanes.get(pool);
            return lane != null && lane.running;
        }
    }

    /**
     * Keeps each pool's latest pass. The periodic pass giving way to this process's own requested pass of the pool
     * is not kept: that pass reports.
     */
    private void record(PoolReport report) {
        if (!(report.status() == PoolReport.Status.LOCKED && laneRunning(report.pool()))) {
            latest.put(report.pool(), new LastPass(report, clock.instant()));
        }
    }
}
