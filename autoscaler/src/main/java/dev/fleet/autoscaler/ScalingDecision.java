package dev.fleet.autoscaler;

import java.util.List;
import java.util.Objects;

/**
 * What a policy decided for one pool at one instant: a value, not a side effect. {@code create} new runners are to be
 * provisioned, the runners named in {@code remove} (always idle ones) are to be destroyed, and each runner named in
 * {@code rotate} is to be replaced by a fresh one. {@code target} is the runner count once all of that is done.
 */
public record ScalingDecision(
        Action action, int current, int target, int create, List<String> remove, List<String> rotate, String reason) {

    public enum Action { SCALE_UP, SCALE_DOWN, MAINTAIN }

    public ScalingDecision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        remove = List.copyOf(remove);
        rotate = List.copyOf(rotate);
        if (create < 0) {
            throw new IllegalArgumentException("create must be >= 0, was " + create);
        }
        if (create > 0 && !remove.isEmpty()) {
            throw new IllegalArgumentException("a decision either creates or removes runners, not both");
        }
    }

    public static ScalingDecision maintain(int current, List<String> rotate, String reason) {
        return new ScalingDecision(Action.MAINTAIN, current, current, 0, List.of(), rotate, reason);
    }

    public static ScalingDecision scaleUp(int current, int create, List<String> rotate, String reason) {
        return new ScalingDecision(Action.SCALE_UP, current, current + create, create, List.of(), rotate, reason);
    }

    public static ScalingDecision scaleDown(int current, List<String> remove, List<String> rotate, String reason) {
        return new ScalingDecision(Action.SCALE_DOWN, current, current - remove.size(), 0, remove, rotate, reason);
    }

    /** Whether acting on this decision changes the pool, which starts a new cooldown. */
    public boolean changesPool() {
        return create > 0 || !remove.isEmpty() || !rotate.isEmpty();
    }
}
