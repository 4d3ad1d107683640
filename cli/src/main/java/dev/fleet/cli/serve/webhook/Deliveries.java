package dev.fleet.cli.serve.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.fleet.cli.serve.PoolPasses;
import dev.fleet.cli.serve.RunnerRemoval;
import dev.fleet.config.PoolConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * What a delivery does, whether it came signed over HTTP or was fetched from GitHub's list of missed ones: each
 * delivery id once, then by event and action. {@code queued} asks for a pass of every enabled pool that could take the
 * job, {@code completed} removes the job's runner when it is fleet's, {@code in_progress} records how long the job
 * waited. Nothing here waits for a pass or a cloud call, so a delivery is answered at once; GitHub fails one not
 * answered within 10 s.
 */
public final class Deliveries implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    static final String WORKFLOW_JOB = "workflow_job";
    /**
     * How long a delivery id is remembered. A redelivery a person asks for in GitHub's UI comes minutes later; missed
     * deliveries are looked for as far back as this, and what is older the periodic passes have long covered.
     */
    static final Duration REMEMBERED = Duration.ofHours(1);
    /**
     * Ids remembered at most: a few MB at most, and many times an hour of deliveries of a busy organization (three a
     * job; 11,000 jobs a week are about 200 deliveries an hour).
     */
    private static final long MAX_REMEMBERED = 50_000;

    private final PoolPasses passes;
    private final FinishedRunners finished;
    private final Supplier<List<PoolConfig>> pools;
    private final WebhookListener listener;
    private final Cache<String, Boolean> seen;

    /**
     * @param removal  removes the runner of a completed job
     * @param pools    the config's pools as they are now; may throw when the config does not load
     * @param listener hears each delivery's result and the figures it carries
     * @param clock    when a delivery id was seen, and when a finished runner's VM went
     */
    public Deliveries(PoolPasses passes, RunnerRemoval removal, Supplier<List<PoolConfig>> pools,
                      WebhookListener listener, Clock clock) {
        this.passes = Objects.requireNonNull(passes, "passes");
        this.pools = Objects.requireNonNull(pools, "pools");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.finished = new FinishedRunners(removal, listener, clock);
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.seen = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(REMEMBERED).maximumSize(MAX_REMEMBERED)
                .build();
    }

    /** The listener every result goes to, for the results decided before a delivery gets here. */
    WebhookListener listener() {
        return listener;
    }

    /**
     * Does what {@code delivery} asks, once per delivery id, and tells the listener. A delivery whose handling threw
     * (a config that does not load) is forgotten, so that its redelivery is taken.
     */
    DeliveryAnswer handle(Delivery delivery) {
        if (seen.asMap().putIfAbsent(delivery.guid(), Boolean.TRUE) != null) {
            return told(delivery, DeliveryAnswer.duplicate(delivery.guid()));
        }
        try {
            return told(delivery, dispatch(delivery));
        } catch (RuntimeException e) {
            seen.invalidate(delivery.guid());
            throw e;
        }
    }

    private DeliveryAnswer told(Delivery delivery, DeliveryAnswer answer) {
        LOG.atLevel(answer.result() == DeliveryResult.ACCEPTED ? Level.INFO : Level.DEBUG)
                .log("delivery {} ({}): {}", delivery.guid(), delivery.event(), answer.message());
        listener.delivery(answer.result());
        return answer;
    }

    private DeliveryAnswer dispatch(Delivery delivery) {
        if ("ping".equals(delivery.event())) {
            return DeliveryAnswer.done("pong");
        }
        if (!WORKFLOW_JOB.equals(delivery.event())) {
            return DeliveryAnswer.ignored("event " + delivery.event() + " ignored: fleet acts on workflow_job");
        }
        WorkflowJobEvent job;
        try {
            job = WorkflowJobEvent.parse(delivery.payload());
        } catch (IllegalArgumentException e) {
            return DeliveryAnswer.malformed("not a workflow_job delivery: " + e.getMessage());
        }
        return switch (job.action()) {
            case "queued" -> queued(delivery, job);
            case "in_progress" -> inProgress(job);
            case "completed" -> completed(job);
            default -> DeliveryAnswer.ignored("action " + job.action() + " ignored");
        };
    }

    private DeliveryAnswer queued(Delivery delivery, WorkflowJobEvent job) {
        List<PoolConfig> takers = PoolRouting.takers(pools.get(), job);
        List<String> enabled = takers.stream().filter(PoolConfig::enabled).map(PoolConfig::name).toList();
        if (enabled.isEmpty()) {
            return DeliveryAnswer.noPool(takers.isEmpty()
                    ? "no pool: no pool of " + job.repository() + " has runners labelled " + job.labels()
                    : "no pool: pool " + takers.get(0).name() + " is disabled and drains on the periodic pass");
        }
        enabled.forEach(pool -> passes.request(pool, "webhook " + delivery.guid()));
        return DeliveryAnswer.started("pass requested for pool " + String.join(", ", enabled));
    }

    private DeliveryAnswer inProgress(WorkflowJobEvent job) {
        Optional<PoolConfig> pool = PoolRouting.ofRunner(pools.get(), job.runnerName());
        if (pool.isEmpty() || job.createdAt().isEmpty() || job.startedAt().isEmpty()) {
            return DeliveryAnswer.ignored("in_progress on " + job.runnerName() + ", not a runner of fleet's");
        }
        Duration wait = Duration.between(job.createdAt().get(), job.startedAt().get());
        if (wait.isNegative()) {
            return DeliveryAnswer.ignored("in_progress started before it was created");
        }
        listener.queueWait(pool.get().name(), wait);
        return DeliveryAnswer.done("queue wait of " + wait.toSeconds() + "s recorded for pool " + pool.get().name());
    }

    private DeliveryAnswer completed(WorkflowJobEvent job) {
        Optional<PoolConfig> pool = PoolRouting.ofRunner(pools.get(), job.runnerName());
        if (pool.isEmpty()) {
            return DeliveryAnswer.ignored("completed on " + job.runnerName() + ", not a runner of fleet's");
        }
        if (!finished.remove(job.runnerName(), job.completedAt())) {
            return DeliveryAnswer.ignored("stopping: runner " + job.runnerName() + " is left to the next pass");
        }
        return DeliveryAnswer.started("runner " + job.runnerName() + " of pool " + pool.get().name() + " is being removed");
    }

    /** Lets the removals under way finish, for up to {@code grace}. */
    public void close(Duration grace) {
        finished.close(grace);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
