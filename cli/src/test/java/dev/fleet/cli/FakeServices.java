package dev.fleet.cli;

import dev.fleet.github.GitHubRunners;
import dev.fleet.github.RunnerAccess;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.azure.AzureAccount;
import dev.fleet.lifecycle.azure.VmProvider;
import dev.fleet.lifecycle.bootstrap.RunnerInstaller;
import dev.fleet.queue.JobQueue;
import java.util.List;

/**
 * GitHub and Azure as the pool commands see them: the preflight checks, recorded in {@link #calls} and answered as a
 * test sets them up. The parts only reconcile uses are not wanted here.
 */
final class FakeServices implements FleetServices, RunnerAccess, AzureAccount {
    static final String SUBSCRIPTION_NAME = "Fleet CI";

    private final List<String> calls;
    RuntimeException github;
    RuntimeException azure;
    boolean groupExists;

    FakeServices(List<String> calls) {
        this.calls = calls;
    }

    @Override
    public void verify(RunnerScope scope) {
        calls.add("github verify " + scope);
        if (github != null) {
            throw github;
        }
    }

    @Override
    public Subscription checkSubscription() {
        calls.add("azure subscription");
        if (azure != null) {
            throw azure;
        }
        return new Subscription(Cli.SUBSCRIPTION, SUBSCRIPTION_NAME);
    }

    @Override
    public boolean ensureResourceGroup(String name, String location) {
        calls.add("azure group " + name + " " + location);
        return !groupExists;
    }

    @Override
    public RunnerAccess runnerAccess() {
        return this;
    }

    @Override
    public AzureAccount azureAccount() {
        return this;
    }

    @Override
    public GitHubRunners runners() {
        throw new UnsupportedOperationException("reconcile's, not the pool commands'");
    }

    @Override
    public JobQueue jobQueue() {
        throw new UnsupportedOperationException("reconcile's, not the pool commands'");
    }

    @Override
    public VmProvider vms() {
        throw new UnsupportedOperationException("reconcile's, not the pool commands'");
    }

    @Override
    public RunnerInstaller installer() {
        throw new UnsupportedOperationException("reconcile's, not the pool commands'");
    }
}
