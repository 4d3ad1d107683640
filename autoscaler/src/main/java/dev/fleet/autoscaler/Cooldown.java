package dev.fleet.autoscaler;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/** The wait a pool still owes after its last scaling action, for the policies that pace themselves by it. */
final class Cooldown {
    private Cooldown() {
    }

    /** What is left of {@code period} since the pool's last scaling action; zero when there is nothing to wait for. */
    static Duration remaining(PoolState pool, Duration period, Instant now) {
        return pool.lastScalingAction()
                .map(last -> period.minus(Duration.between(last, now)))
                .filter(left -> left.compareTo(Duration.ZERO) > 0)
                .orElse(Duration.ZERO);
    }

    /** Whole seconds rounded half to even, as Python's {@code f"{x:.0f}"} prints them in the seed's cooldown reason. */
    static String seconds(Duration left) {
        return BigDecimal.valueOf(left.getSeconds())
                .add(BigDecimal.valueOf(left.getNano(), 9))
                .setScale(0, RoundingMode.HALF_EVEN)
                .toPlainString();
    }
}
