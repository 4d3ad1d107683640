package dev.fleet.lifecycle.reconcile;

import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.lifecycle.PoolContext;
import dev.fleet.lifecycle.plan.Planner;
import dev.fleet.lifecycle.plan.PoolPlan;
import dev.fleet.lifecycle.plan.PoolSettings;
import dev.fleet.lifecycle.reconcile.PoolReport.Status;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * One pool's part of a pass: under the pool's lock, observe the pool ({@link PoolObserver}), plan
 * ({@link Planner#plan}), and carry the plan out ({@link PlanExecutor}); a dry run stops at the plan, without the lock.
 * Then the report, and the pass's summary kept for {@code status}.
 */
final class PoolPass {
    private static final Logger LOG = LoggerFactory.getLogger(PoolPass.class);

    private final Wiring wiring;
    private final String passId;
    private final FleetConfig config;
    private final PoolConfig pool;
    private final ReconcileRequest request;
    private final ReconcileListener listener;
    private final VmListings listings;

    PoolPass(Wiring wiring, String passId, FleetConfig config, PoolConfig pool, ReconcileRequest request,
             ReconcileListener listener, VmListings listings) {
        this.wiring = wiring;
        this.passId = passId;
        this.config = config;
        this.pool = pool;
        this.request = request;
        this.listener = listener;
        this.listings = listings;
    }

    PoolReport run() {
        MDC.put("pass", passId);
        MDC.put("pool", pool.name());
        try {
            tell(() -> listener.poolStarted(pool.name()));
            PoolReport report = request.dryRun() ? attempt(Status.DRY_RUN) : underLock();
            if (report.ok()) {
                LOG.atLevel(request.dryRun() ? Level.DEBUG : Level.INFO).log("pool {}: {}", pool.name(),
                        report.summary());
            } else {
                LOG.warn("pool {}: {}", pool.name(), report.summary());
            }
            tell(() -> listener.poolFinished(report));
            return report;
        } finally {
            MDC.remove("pass");
            MDC.remove("pool");
        }
    }

    /** A progress display that fails must not fail the pool, nor lose the report of one reconciled already. */
    private static void tell(Runnable news) {
        try {
            news.run();
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed: {}", FailureLine.of(e));
        }
    }

    private PoolReport underLock() {
        PoolLock lock;
        try {
            lock = wiring.state().lock(pool.name(), request.lockWait());
        } catch (PoolLockedException e) {
            return PoolReport.skipped(pool.name(), Status.LOCKED, e.getMessage());
        } catch (UncheckedIOException e) {
            // The pool's own report says it; the other pools' passes go on.
            return PoolReport.skipped(pool.name(), Status.FAILED, FailureLine.oneLine(e.getMessage()));
        }
        try (lock) {
            PoolReport report = attempt(Status.RECONCILED);
            try {
                wiring.state().recordPass(pool.name(), PassSummary.of(passId, wiring.clock().instant(), report));
            } catch (RuntimeException e) {
                LOG.warn("pass not recorded for status: {}", FailureLine.of(e));
            }
            return report;
        }
    }

    private PoolReport attempt(Status done) {
        Optional<PoolPlan> plan = Optional.empty();
        try {
            PoolContext context = PoolContext.of(config, pool);
            PoolSettings settings = PoolSettings.of(pool, context.scope(), wiring.settings(), request.force());
            Instant now = wiring.clock().instant();
            plan = Optional.of(Planner.plan(new PoolObserver(wiring, listings).observe(pool,
                    context.placement().resourceGroup(), settings, !request.dryRun(), now), settings, now));
            List<ActionResult> actions = request.dryRun()
                    ? plan.get().actions().stream().map(ActionResult::planned).toList()
                    : new PlanExecutor(wiring, context, listener).execute(plan.get(), now);
            return PoolReport.of(plan.get(), done, actions, List.of(), now);
        } catch (RuntimeException e) {
            LOG.debug("pool {} failed", pool.name(), e);
            String error = FailureLine.of(e);
            return plan.map(planned -> PoolReport.of(planned, Status.FAILED, List.of(), List.of(error),
                            wiring.clock().instant()))
                    .orElseGet(() -> PoolReport.skipped(pool.name(), Status.FAILED, error));
        }
    }
}
