package dev.fleet.lifecycle.reconcile;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One reconcile pass over the config's pools.
 *
 * @param passId the short random id every log line of the pass carries
 * @param sweep  what the pass did (or, in a dry run, would do) to what pools no longer in the config left behind
 */
public record PassReport(
        String passId,
        @JsonSerialize(using = ToStringSerializer.class) Instant started,
        @JsonSerialize(using = ToStringSerializer.class) Instant finished,
        List<PoolReport> pools,
        List<ActionResult> sweep) {

    public PassReport {
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        pools = List.copyOf(pools);
        sweep = List.copyOf(sweep);
    }

    /** False when any pool failed or was locked, or any action failed, the sweep's included. */
    @JsonProperty("ok")
    public boolean ok() {
        return pools.stream().allMatch(PoolReport::ok)
                && sweep.stream().noneMatch(action -> action.result() == ActionResult.Result.FAILED);
    }
}
