package dev.fleet.lifecycle.reconcile;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.fleet.autoscaler.ScalingDecision;
import dev.fleet.lifecycle.plan.PoolPlan;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a pass saw, decided and did for one pool.
 *
 * @param decision the scaling decision; empty for a disabled pool (it drains instead) and when the pass failed first
 * @param runners  the pool's runners as observed, before acting
 * @param actions  planned (dry run) or done, each with how it went
 * @param errors   why the pool failed or was skipped, one line each
 */
public record PoolReport(
        String pool,
        Status status,
        @JsonSerialize(converter = OptionalAsNullable.class) Optional<ScalingDecision> decision,
        QueueSummary queue,
        List<RunnerView> runners,
        List<ActionResult> actions,
        List<String> errors) {

    public enum Status {
        RECONCILED,
        /** Observed and decided; nothing was changed. */
        DRY_RUN,
        /** Skipped: another fleet process holds the pool's lock. */
        LOCKED,
        /** The pass stopped at an error; actions done before it are listed. */
        FAILED
    }

    public PoolReport {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(queue, "queue");
        runners = List.copyOf(runners);
        actions = List.copyOf(actions);
        errors = List.copyOf(errors);
    }

    /** A pool's report from its plan, with what came of carrying it out. */
    static PoolReport of(PoolPlan plan, Status status, List<ActionResult> actions, List<String> errors, Instant now) {
        QueueSummary queue = plan.queue()
                .map(read -> new QueueSummary(read.demand().queued(), read.demand().inProgress()))
                .orElse(QueueSummary.NOT_LOOKED_AT);
        return new PoolReport(plan.pool(), status, plan.decision(), queue,
                plan.members().stream().map(member -> RunnerView.of(member, now)).toList(), actions, errors);
    }

    /** A pool that was not looked at, or whose look failed: only why. */
    static PoolReport skipped(String pool, Status status, String why) {
        return new PoolReport(pool, status, Optional.empty(), QueueSummary.NOT_LOOKED_AT, List.of(), List.of(),
                List.of(why));
    }

    /** Whether the pool needs no one's attention: neither failed nor skipped, and every action went through. */
    @JsonProperty("ok")
    public boolean ok() {
        return (status == Status.RECONCILED || status == Status.DRY_RUN) && failedActions() == 0;
    }

    /** How many of the actions failed; a pool that went through may still have some. */
    public long failedActions() {
        return actions.stream().filter(action -> action.result() == ActionResult.Result.FAILED).count();
    }

    /** One line for {@code status}: the decision's reason (or the draining, or the error), then what was done. */
    @JsonProperty("summary")
    public String summary() {
        return switch (status) {
            case LOCKED -> "skipped: " + String.join("; ", errors);
            case FAILED -> "failed: " + String.join("; ", errors) + (actions.isEmpty() ? "" : "; " + tally());
            default -> decision.map(ScalingDecision::reason).orElse("disabled: draining") + "; " + tally();
        };
    }

    private String tally() {
        if (actions.isEmpty()) {
            return "nothing to do";
        }
        StringBuilder tally = new StringBuilder();
        for (ActionResult.Result result : ActionResult.Result.values()) {
            long count = actions.stream().filter(action -> action.result() == result).count();
            if (count > 0) {
                tally.append(tally.length() == 0 ? "" : ", ").append(count).append(' ')
                        .append(result.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        return tally.toString();
    }
}
