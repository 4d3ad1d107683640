package dev.fleet.lifecycle.plan;

import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.azure.VmInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * One name of a pool as observed: the VM Azure lists by that name, the runner GitHub lists by it, or both; and whether
 * a fleet process left a record of bootstrapping it.
 */
public record PoolMember(String name, Optional<VmInfo> vm, Optional<RunnerInfo> runner, Bootstrapping bootstrapping) {

    public enum Bootstrapping {
        NONE,
        /** A fleet process that still runs is provisioning it. */
        LIVE_PROCESS,
        /** The process that was provisioning it has died; whatever it made can never be finished. */
        DEAD_PROCESS
    }

    public PoolMember {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(bootstrapping, "bootstrapping");
    }

    public boolean busy() {
        return runner.map(RunnerInfo::busy).orElse(false);
    }

    public boolean online() {
        return runner.map(r -> r.status() == RunnerInfo.Status.ONLINE).orElse(false);
    }
}
