package dev.fleet.lifecycle.plan;

import dev.fleet.lifecycle.azure.VmInfo;
import java.time.Instant;

/**
 * A pool member with what the planner made of it.
 *
 * @param garbage whether garbage collection removes it, whatever the scaling decision
 */
public record Classified(PoolMember member, RunnerClass state, String reason, boolean garbage) {

    public String name() {
        return member.name();
    }

    /** When the VM was created; {@code now} when unknown, which makes it the youngest and the last to go. */
    public Instant createdOr(Instant now) {
        return member.vm().map(VmInfo::created).orElse(now);
    }
}
