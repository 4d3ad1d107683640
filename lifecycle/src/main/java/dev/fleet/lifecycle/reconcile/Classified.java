package dev.fleet.lifecycle.reconcile;

import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.azure.VmInfo;
import java.time.Duration;
import java.time.Instant;

/**
 * A pool member with what the reconciler made of it.
 *
 * @param garbage whether garbage collection removes it, whatever the scaling decision
 */
record Classified(PoolMember member, RunnerClass state, String reason, boolean garbage) {

    String name() {
        return member.name();
    }

    /** When the VM was created; {@code now} when unknown, which makes it the youngest and the last to go. */
    Instant createdOr(Instant now) {
        return member.vm().map(VmInfo::created).orElse(now);
    }

    RunnerView view(Instant now) {
        return new RunnerView(name(), state, member.vm().map(VmInfo::powerState),
                member.runner().map(RunnerInfo::status), member.busy(), Duration.between(createdOr(now), now));
    }
}
