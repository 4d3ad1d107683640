package dev.fleet.autoscaler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Pools, queues and limits for the policy tests, described the way the rules talk about them. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final Duration LONG_IDLE = Duration.ofHours(1);

    private Fixtures() {
    }

    static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    static Runner runner(String name, RunnerState state, Duration age, Duration inState) {
        return new Runner(name, state, NOW.minus(age), NOW.minus(inState));
    }

    static Runner idle(String name, Duration age, Duration idleFor) {
        return runner(name, RunnerState.IDLE, age, idleFor);
    }

    /** {@code count} idle runners named {@code prefix-1}, ..., idle for {@code idleFor}, {@code prefix-1} oldest. */
    static List<Runner> idle(String prefix, int count, Duration idleFor) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> idle(prefix + "-" + i, idleFor.plusMinutes(3 + count - i), idleFor))
                .toList();
    }

    static List<Runner> busy(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> runner("busy-" + i, RunnerState.BUSY, minutes(60), minutes(10)))
                .toList();
    }

    static List<Runner> provisioning(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> runner("new-" + i, RunnerState.PROVISIONING, minutes(1), minutes(1)))
                .toList();
    }

    @SafeVarargs
    static PoolState pool(List<Runner>... groups) {
        return new PoolState(concat(groups), Optional.empty());
    }

    @SafeVarargs
    static PoolState pool(Duration sinceLastAction, List<Runner>... groups) {
        return new PoolState(concat(groups), Optional.of(NOW.minus(sinceLastAction)));
    }

    /** A pool of {@code idle} long-idle, {@code busy} busy and {@code provisioning} provisioning runners. */
    static PoolState pool(int idle, int busy, int provisioning) {
        return pool(idle("idle", idle, LONG_IDLE), busy(busy), provisioning(provisioning));
    }

    static QueueMetrics queue(int queued) {
        return queue(queued, ArrivalRate.UNKNOWN);
    }

    static QueueMetrics queue(int queued, ArrivalRate recent) {
        return waiting(recent, IntStream.range(0, queued).mapToObj(i -> minutes(1)).toArray(Duration[]::new));
    }

    /** A queue of one job per {@code waited}, each queued that long ago, with no recent arrivals. */
    static QueueMetrics waiting(Duration... waited) {
        return waiting(ArrivalRate.UNKNOWN, waited);
    }

    private static QueueMetrics waiting(ArrivalRate recent, Duration... waited) {
        List<QueuedJob> jobs = IntStream.range(0, waited.length)
                .mapToObj(i -> new QueuedJob(i + 1, NOW.minus(waited[i])))
                .toList();
        return new QueueMetrics(jobs, 0, recent, NOW);
    }

    static ArrivalRate perMinute(int jobs, Duration window) {
        return new ArrivalRate(jobs, window);
    }

    static Limits limits() {
        return new Limits();
    }

    /** The seed's defaults with the fields a test cares about changed. */
    static final class Limits {
        private final ScalingConfig defaults = ScalingConfig.DEFAULTS;
        private int min = defaults.min();
        private int max = defaults.max();
        private int jobsPerRunner = defaults.jobsPerRunner();
        private int scaleUpThreshold = defaults.scaleUpThreshold();
        private int scaleDownThreshold = defaults.scaleDownThreshold();
        private Duration cooldown = defaults.cooldown();
        private Duration idleTimeout = defaults.idleTimeout();
        private Duration maxAge = defaults.maxAge();

        Limits min(int value) {
            min = value;
            return this;
        }

        Limits max(int value) {
            max = value;
            return this;
        }

        Limits seedKnobs(int perRunner, int upThreshold, int downThreshold) {
            jobsPerRunner = perRunner;
            scaleUpThreshold = upThreshold;
            scaleDownThreshold = downThreshold;
            return this;
        }

        Limits cooldown(Duration value) {
            cooldown = value;
            return this;
        }

        Limits idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        Limits maxAge(Duration value) {
            maxAge = value;
            return this;
        }

        ScalingConfig config() {
            return new ScalingConfig(min, max, jobsPerRunner, scaleUpThreshold, scaleDownThreshold, cooldown,
                    idleTimeout, maxAge, defaults.provisioningConcurrency());
        }
    }

    @SafeVarargs
    private static List<Runner> concat(List<Runner>... groups) {
        List<Runner> all = new ArrayList<>();
        for (List<Runner> group : groups) {
            all.addAll(group);
        }
        return all;
    }
}
