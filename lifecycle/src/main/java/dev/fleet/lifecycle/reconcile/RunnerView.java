package dev.fleet.lifecycle.reconcile;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.Classified;
import dev.fleet.lifecycle.plan.PoolMember;
import dev.fleet.lifecycle.plan.RunnerClass;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One runner of a pool as a pass observed it, before acting.
 *
 * @param vm     the VM's power state, empty when Azure lists no VM of this name
 * @param github the runner's status, empty when GitHub lists no runner of this name
 * @param age    since the VM was created; zero when that is unknown
 */
public record RunnerView(
        String name,
        RunnerClass state,
        @JsonSerialize(converter = OptionalAsNullable.class) Optional<VmInfo.PowerState> vm,
        @JsonSerialize(converter = OptionalAsNullable.class) Optional<RunnerInfo.Status> github,
        boolean busy,
        @JsonSerialize(using = ToStringSerializer.class) Duration age) {

    /** The member as a pass observed it, before acting. */
    static RunnerView of(Classified member, Instant now) {
        PoolMember seen = member.member();
        return new RunnerView(member.name(), member.state(), seen.vm().map(VmInfo::powerState),
                seen.runner().map(RunnerInfo::status), seen.busy(), Duration.between(member.createdOr(now), now));
    }

    public RunnerView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(github, "github");
        Objects.requireNonNull(age, "age");
    }
}
