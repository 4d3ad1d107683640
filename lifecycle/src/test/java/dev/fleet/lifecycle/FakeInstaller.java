package dev.fleet.lifecycle;

import dev.fleet.lifecycle.bootstrap.InstallProgress;
import dev.fleet.lifecycle.bootstrap.InstallResult;
import dev.fleet.lifecycle.bootstrap.InstallTarget;
import dev.fleet.lifecycle.bootstrap.RunnerInstaller;
import dev.fleet.lifecycle.bootstrap.RunnerSetup;
import java.util.ArrayList;
import java.util.List;

/** An installer that starts the runner in {@link FakeGitHub} instead of over SSH, or fails as told. */
public final class FakeInstaller implements RunnerInstaller {
    private final FakeGitHub github;
    private final Events events;
    private final List<InstallTarget> targets = new ArrayList<>();
    private final List<RunnerSetup> setups = new ArrayList<>();
    private volatile InstallResult failure;

    FakeInstaller(FakeGitHub github, Events events) {
        this.github = github;
        this.events = events;
    }

    public void fails(InstallResult result) {
        failure = result;
    }

    @Override
    public InstallResult install(InstallTarget target, RunnerSetup setup, InstallProgress progress) {
        events.add("install " + setup.runnerName());
        progress.loggedIn();
        synchronized (this) {
            targets.add(target);
            setups.add(setup);
        }
        if (failure != null) {
            return failure;
        }
        github.runnerStarted(setup);
        return new InstallResult(true, 0, "runner installed and started", List.of());
    }

    synchronized List<InstallTarget> targets() {
        return List.copyOf(targets);
    }

    public synchronized List<RunnerSetup> setups() {
        return List.copyOf(setups);
    }
}
