package dev.fleet.autoscaler;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One runner of a pool. {@code name} identifies it (runner names are derived from VM names);
 * {@code stateSince} is when it entered its current state, so an idle runner's idle time is {@code now - stateSince}.
 */
public record Runner(String name, RunnerState state, Instant createdAt, Instant stateSince) {
    public Runner {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(stateSince, "stateSince");
    }

    public boolean is(RunnerState other) {
        return state == other;
    }

    public Duration age(Instant now) {
        return Duration.between(createdAt, now);
    }

    public Duration inStateFor(Instant now) {
        return Duration.between(stateSince, now);
    }
}
