package dev.fleet.lifecycle;

import dev.fleet.github.GitHubRunners;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import java.util.Optional;

/** Looks up the runner that belongs to a VM: the one that carries the VM's name. */
final class Runners {
    private final GitHubRunners github;

    Runners(GitHubRunners github) {
        this.github = github;
    }

    Optional<RunnerInfo> named(RunnerScope scope, String name) {
        return github.listRunners(scope).stream().filter(runner -> runner.name().equals(name)).findFirst();
    }

    /** A fresh look at a runner seen before, or at the one named like the VM when none was seen. */
    Optional<RunnerInfo> current(RunnerScope scope, String name, Optional<RunnerInfo> seen) {
        return seen.isPresent() ? github.getRunner(scope, seen.get().id()) : named(scope, name);
    }
}
