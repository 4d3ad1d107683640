package dev.fleet.github;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Waits between retries. Failures use exponential backoff with full jitter, so many fleet processes that failed
 * together do not retry together. Secondary rate limits without {@code Retry-After} wait at least a minute and double
 * after that, as GitHub asks.
 */
final class Backoff {
    static final Duration BASE = Duration.ofMillis(500);
    static final Duration CAP = Duration.ofSeconds(30);
    static final Duration SECONDARY_LIMIT_MIN = Duration.ofMinutes(1);

    private final RandomGenerator random;

    Backoff(RandomGenerator random) {
        this.random = random;
    }

    /** A wait in [0, min(CAP, BASE * 2^failure)] for the retry after failure number {@code failure} (0-based). */
    Duration afterFailure(int failure) {
        long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(failure, 20));
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }

    /** One minute, then two, four, ... for secondary limit number {@code count} (0-based) without a Retry-After. */
    Duration afterSecondaryLimit(int count) {
        return SECONDARY_LIMIT_MIN.multipliedBy(1L << Math.min(count, 10));
    }
}
