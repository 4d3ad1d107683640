package dev.fleet.autoscaler;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** How every policy picks the idle runners it gives up, and the max-age rotation the fleet-built policies share. */
final class IdleRunners {
    /**
     * The oldest runner goes first: it carries the stalest image and is the next to reach max age. The name breaks ties
     * so that a decision never depends on the order the pool was listed in.
     */
    private static final Comparator<Runner> OLDEST_FIRST =
            Comparator.comparing(Runner::createdAt).thenComparing(Runner::name);

    private IdleRunners() {
    }

    /** Names of at most {@code limit} idle runners that are {@code eligible}, oldest first. */
    static List<String> oldestFirst(PoolState pool, Predicate<Runner> eligible, int limit) {
        return pool.runners().stream()
                .filter(runner -> runner.is(RunnerState.IDLE))
                .filter(eligible)
                .sorted(OLDEST_FIRST)
                .limit(Math.max(0, limit))
                .map(Runner::name)
                .toList();
    }

    /**
     * Idle runners older than {@code maxAge}, oldest first, that are not being removed. A rotated runner's replacement
     * is created before the old VM goes, so only as many rotate as there is room for below max once {@code create}
     * new runners are counted: {@code current + create + rotations <= max}.
     */
    static List<String> dueForRotation(
            PoolState pool, ScalingConfig limits, Instant now, int create, List<String> removed) {
        if (!limits.rotates()) {
            return List.of();
        }
        int headroom = limits.max() - pool.current() - create;
        return oldestFirst(pool,
                runner -> runner.age(now).compareTo(limits.maxAge()) > 0 && !removed.contains(runner.name()),
                headroom);
    }

    /** The reason's tail that tells about {@code rotate}; empty when nothing rotates. */
    static String rotationNote(List<String> rotate, ScalingConfig limits) {
        return rotate.isEmpty()
                ? ""
                : "; rotating " + Words.count(rotate.size(), "runner") + " older than "
                        + DurationText.format(limits.maxAge());
    }
}
