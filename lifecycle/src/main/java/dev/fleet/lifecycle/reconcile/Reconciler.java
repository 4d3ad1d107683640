package dev.fleet.lifecycle.reconcile;

import dev.fleet.concurrent.Workers;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.GitHubRunners;
import dev.fleet.lifecycle.Provisioning;
import dev.fleet.lifecycle.azure.VmProvider;
import dev.fleet.lifecycle.plan.ReconcileSettings;
import dev.fleet.queue.JobQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * {@code fleet reconcile}: level-triggered, like a Kubernetes controller. Each pass observes every pool afresh (its
 * VMs by tag, its runners by name and label, its queue), plans (garbage, drain, the scaling policy's decision) and
 * carries the plan out through {@link Provisioning}; a pass over the whole config then sweeps what pools no
 * longer in it left behind ({@link StraySweep}). Nothing is carried over in memory between passes; a pass killed at
 * any point is repaired by the next.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** Pools reconciled at once; each may provision several VMs at once too, and fleet may run on a small machine. */
    private static final int PARALLEL_POOLS = 4;

    private final Wiring wiring;

    public Reconciler(VmProvider vms, GitHubRunners github, JobQueue queue, Provisioning provisioning,
                      StateFolder state, Clock clock, ReconcileSettings settings) {
        this.wiring = new Wiring(vms, github, queue, provisioning, state, clock, settings);
    }

    /**
     * One pass over the config's pools (or only {@code request.pool()}), in parallel, each under its own lock. Never
     * throws for a pool's failure: it is in that pool's report.
     *
     * @throws IllegalArgumentException when {@code request.pool()} names no pool of the config
     */
    public PassReport reconcile(FleetConfig config, ReconcileRequest request, ReconcileListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        List<PoolConfig> pools = request.pool()
                .map(name -> List.of(config.pool(name).orElseThrow(() ->
                        new IllegalArgumentException("the config has no pool named " + name))))
                .orElseGet(() -> config.pools().stream().filter(Objects::nonNull).toList());
        String passId = String.format("%08x", ThreadLocalRandom.current().nextInt());
        Instant started = wiring.clock().instant();
        // A dry run (status is one) changes nothing: not worth a line in the journal unless asked for.
        LOG.atLevel(request.dryRun() ? Level.DEBUG : Level.INFO)
                .log("pass {} over {} pool(s){}", passId, pools.size(), request.dryRun() ? ", dry run" : "");
        VmListings listings = new VmListings(wiring.vms());
        List<Callable<PoolReport>> tasks = new ArrayList<>();
        for (PoolConfig pool : pools) {
            tasks.add(() -> new PoolPass(wiring, passId, config, pool, request, listener, listings).run());
        }
        List<PoolReport> reports = runAll(tasks);
        // A pass over one pool is about that pool; what removed pools left is for passes over the whole config.
        List<ActionResult> swept = request.pool().isPresent()
                ? List.of()
                : new StraySweep(wiring, request.dryRun(), listings).sweep(config, wiring.clock().instant());
        return new PassReport(passId, started, wiring.clock().instant(), reports, swept);
    }

    private static List<PoolReport> runAll(List<Callable<PoolReport>> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(tasks.size(), PARALLEL_POOLS),
                Workers.daemons("fleet-reconcile"));
        try {
            List<PoolReport> reports = new ArrayList<>(tasks.size());
            for (Future<PoolReport> future : executor.invokeAll(tasks)) {
                reports.add(Workers.result(future));
            }
            return reports;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the reconcile pass was interrupted");
        } finally {
            executor.shutdownNow();
        }
    }
}
