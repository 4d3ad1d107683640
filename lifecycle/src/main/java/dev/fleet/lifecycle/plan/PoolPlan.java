package dev.fleet.lifecycle.plan;

import dev.fleet.autoscaler.ScalingDecision;
import dev.fleet.queue.PoolQueue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one pass has a pool do, each action with its reason, and what it records for the next pass. A value:
 * {@code --dry-run} and {@code status} print it, a pass carries it out.
 *
 * @param members        each name of the pool with what the planner made of it, as observed
 * @param decision       the scaling policy's decision; empty for a disabled pool, which drains instead
 * @param queue          the queue the plan weighed; empty when the pool did not need it
 * @param actions        in the order they are carried out: garbage, then what leaves an old scope, then the
 *                       scaling (or the drain)
 * @param onlineSince    when each runner online now was first seen online
 * @param recordsOnlineSince whether that differs from what the last pass recorded, and is recorded for the next
 * @param startsCooldown whether carrying the plan out changes the pool for its scaling policy, which starts its
 *                       cooldown; recorded before acting, so a pass killed while provisioning has started it too
 * @param deadInstalls   the names a dead fleet process recorded it was provisioning: their records go once what they
 *                       marked is gone, that is unless removing it failed
 */
public record PoolPlan(
        String pool,
        List<Classified> members,
        Optional<ScalingDecision> decision,
        Optional<PoolQueue> queue,
        List<PlannedAction> actions,
        Map<String, Instant> onlineSince,
        boolean recordsOnlineSince,
        boolean startsCooldown,
        Set<String> deadInstalls) {

    public PoolPlan {
        Objects.requireNonNull(pool, "pool");
        members = List.copyOf(members);
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(queue, "queue");
        actions = List.copyOf(actions);
        onlineSince = Map.copyOf(onlineSince);
        deadInstalls = Set.copyOf(deadInstalls);
    }

    /** Whether carrying the plan out would change nothing in Azure or GitHub: every action, if any, holds. */
    public boolean settled() {
        return actions.stream().allMatch(PlannedAction.Hold.class::isInstance);
    }
}
