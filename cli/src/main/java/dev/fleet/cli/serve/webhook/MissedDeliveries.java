package dev.fleet.cli.serve.webhook;

import dev.fleet.config.PoolConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the deliveries GitHub failed to hand over, rather than waiting them out: on start and every
 * {@link #PERIOD}, each pool's webhook's recent unanswered deliveries go through {@link Deliveries} like live ones.
 * Those this process took already (its answer came too late for GitHub, or another pool's hook listed the same one)
 * are duplicates there and do nothing. No signature is checked: GitHub handed them to fleet's own credentials.
 */
public final class MissedDeliveries {
    private static final Logger LOG = LoggerFactory.getLogger(MissedDeliveries.class);
    /** A missed {@code completed} bills a stopped VM until found; the periodic pass finds it within an interval too. */
    static final Duration PERIOD = Duration.ofMinutes(3);

    private final HookDeliveries hooks;
    private final Supplier<List<PoolConfig>> pools;
    private final Deliveries deliveries;
    private final Clock clock;

    public MissedDeliveries(HookDeliveries hooks, Supplier<List<PoolConfig>> pools, Deliveries deliveries,
                            Clock clock) {
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.pools = Objects.requireNonNull(pools, "pools");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Looks now, then every {@link #PERIOD} on {@code scheduler}, until cancelled or the scheduler is shut down. */
    public ScheduledFuture<?> start(ScheduledExecutorService scheduler) {
        return scheduler.scheduleWithFixedDelay(this::lookSafely, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One look at every pool's missed deliveries, as far back as {@link Deliveries} remembers which it took.
     *
     * @return how many were acted on now, duplicates not counted
     */
    int look() {
        Instant since = clock.instant().minus(Deliveries.REMEMBERED);
        int handled = 0;
        for (PoolConfig pool : pools.get()) {
            List<HookDeliveries.MissedDelivery> missed;
            try {
                missed = hooks.unanswered(pool, since);
            } catch (RuntimeException e) {
                LOG.warn("pool {}: missed webhook deliveries not read: {}", pool.name(), e.getMessage());
                continue;
            }
            for (HookDeliveries.MissedDelivery delivery : missed) {
                DeliveryAnswer answer = deliveries.handle(new Delivery(delivery.guid(), delivery.event(),
                        delivery.payload()));
                if (answer.result() != DeliveryResult.DUPLICATE) {
                    LOG.info("pool {}: missed delivery {} ({} {}): {}", pool.name(), delivery.guid(),
                            delivery.event(), delivery.action(), answer.message());
                    handled++;
                }
            }
        }
        return handled;
    }

    /** A scheduled task that throws is never run again: a config that does not load now may load at the next look. */
    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            LOG.warn("missed webhook deliveries not looked for: {}", e.getMessage());
        }
    }
}
