package dev.fleet.cli.serve.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.serve.webhook.HookDeliveries.MissedDelivery;
import dev.fleet.config.PoolConfig;
import dev.fleet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The deliveries GitHub failed to hand over, fetched and put through the path a live one takes. */
class MissedDeliveriesTest {
    private static final String RUNNER = "fleet-ci-abcd1234";

    private final Recorded recorded = new Recorded();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-08T10:00:00Z"));
    private final List<PoolConfig> pools = List.of(WebhookHandlerTest.pool("ci", "gpu"),
            WebhookHandlerTest.pool("big", "big"));
    private final Deliveries deliveries = new Deliveries(recorded, recorded, () -> pools, recorded, clock);
    /** GitHub's unanswered deliveries of each pool's hook, and the look-backs asked for. */
    private final Map<String, List<MissedDelivery>> unanswered = new HashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final HookDeliveries hooks = (pool, since) -> {
        asked.add(pool.name() + " since " + since);
        if (pool.name().equals("broken")) {
            throw new IllegalStateException("GitHub answered 502");
        }
        return unanswered.getOrDefault(pool.name(), List.of());
    };
    private final MissedDeliveries missed = new MissedDeliveries(hooks, () -> pools, deliveries, clock);

    @AfterEach
    void stop() {
        deliveries.close(Duration.ofSeconds(5));
    }

    private static MissedDelivery delivery(String guid, String action, String runner) {
        return new MissedDelivery(guid, "workflow_job", action, Payloads.job(action, List.of("gpu"), runner));
    }

    @Test
    void anUnansweredQueuedDeliveryRunsThePassAndACompletedOneRemovesItsRunner() throws Exception {
        unanswered.put("ci", List.of(delivery("g-1", "queued", null), delivery("g-2", "completed", RUNNER)));

        assertThat(missed.look()).isEqualTo(2);

        assertThat(recorded.passes).containsExactly("ci for webhook g-1");
        assertThat(recorded.nextRemoval()).isEqualTo(RUNNER);
        assertThat(asked).containsExactly("ci since 2026-12-08T09:00:00Z", "big since 2026-12-08T09:00:00Z");
    }

    @Test
    void aDeliveryThisProcessTookLiveOrAtAnEarlierLookIsNotTakenAgain() {
        deliveries.handle(new Delivery("g-1", "workflow_job", Payloads.job("queued", List.of("gpu"), null)));
        unanswered.put("ci", List.of(delivery("g-1", "queued", null), delivery("g-3", "queued", null)));

        assertThat(missed.look()).isEqualTo(1);
        assertThat(missed.look()).isZero();

        assertThat(recorded.passes).containsExactly("ci for webhook g-1", "ci for webhook g-3");
    }

    @Test
    void oneDeliveryListedByTwoPoolsHooksIsTakenOnce() {
        // An organization's webhook serves every pool of the organization: each lists the same delivery.
        unanswered.put("ci", List.of(delivery("g-4", "queued", null)));
        unanswered.put("big", List.of(delivery("g-4", "queued", null)));

        assertThat(missed.look()).isEqualTo(1);
        assertThat(recorded.results).containsExactly(DeliveryResult.ACCEPTED, DeliveryResult.DUPLICATE);
    }

    @Test
    void aPoolWhoseDeliveriesCannotBeReadDoesNotKeepTheOthersFromBeingLookedAt() {
        List<PoolConfig> withBroken = new ArrayList<>(List.of(WebhookHandlerTest.pool("broken", "gpu")));
        withBroken.addAll(pools);
        unanswered.put("ci", List.of(delivery("g-5", "queued", null)));

        int handled = new MissedDeliveries(hooks, () -> withBroken, deliveries, clock).look();

        assertThat(handled).isEqualTo(1);
        assertThat(asked).hasSize(3);
        assertThat(recorded.passes).containsExactly("ci for webhook g-5");
    }

    @Test
    void itLooksOnStartOnTheSchedulerItIsGiven() throws Exception {
        CountDownLatch looked = new CountDownLatch(2);
        HookDeliveries counting = (pool, since) -> {
            looked.countDown();
            return List.of();
        };
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            new MissedDeliveries(counting, () -> pools, deliveries, clock).start(scheduler);

            assertThat(looked.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aLookThatFailsWholeIsLoggedAndTheScheduleGoesOn() throws Exception {
        CountDownLatch tried = new CountDownLatch(1);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledFuture<?> looks = new MissedDeliveries(hooks, () -> {
                tried.countDown();
                throw new IllegalStateException("the config does not load");
            }, deliveries, clock).start(scheduler);

            assertThat(tried.await(10, TimeUnit.SECONDS)).isTrue();
            scheduler.shutdown();
            assertThat(scheduler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            // A periodic task that threw ends failed and is never run again; one that went on is cancelled by the
            // shutdown instead.
            assertThat(looks.isCancelled()).isTrue();
        } finally {
            scheduler.shutdownNow();
        }
    }
}
