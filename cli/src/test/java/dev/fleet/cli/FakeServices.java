package dev.fleet.cli;

import dev.fleet.github.GitHubRunners;
import dev.fleet.github.RateLimit;
import dev.fleet.github.RunnerAccess;
import dev.fleet.github.RunnerScope;
import dev.fleet.github.Webhooks;
import dev.fleet.lifecycle.Provisioning;
import dev.fleet.lifecycle.World;
import dev.fleet.lifecycle.azure.AzureAccount;
import dev.fleet.lifecycle.azure.VmProvider;
import dev.fleet.lifecycle.bootstrap.RunnerInstaller;
import dev.fleet.lifecycle.reconcile.FakeJobQueue;
import dev.fleet.queue.JobQueue;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * GitHub and Azure as the commands see them: the preflight checks, recorded in {@link #calls} and answered as a test
 * sets them up, and for reconcile the lifecycle tests' {@link World} of fake VMs, runners and installs, with a job
 * queue told by hand.
 */
final class FakeServices implements FleetServices, RunnerAccess, AzureAccount {
    static final String SUBSCRIPTION_NAME = "Fleet CI";

    private final List<String> calls;
    final World world = new World();
    final FakeJobQueue queue = new FakeJobQueue();
    RuntimeException github;
    RuntimeException azure;
    boolean groupExists;
    /** GitHub's webhooks, for the tests that set them up (over a stub of GitHub). */
    Webhooks webhooks;

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
        return world.github;
    }

    @Override
    public Webhooks webhooks() {
        if (webhooks == null) {
            throw new IllegalStateException("this test has no GitHub webhooks");
        }
        return webhooks;
    }

    @Override
    public JobQueue jobQueue() {
        return queue;
    }

    @Override
    public VmProvider vms() {
        return world.azure;
    }

    @Override
    public RunnerInstaller installer() {
        return world.installer;
    }

    @Override
    public Provisioning provisioning() {
        return world.provisioning;
    }

    @Override
    public Clock clock() {
        return world.clock;
    }

    @Override
    public Optional<RateLimit> gitHubRateLimit() {
        return Optional.of(new RateLimit(5000, 4987, 13, world.clock.instant().plusSeconds(1800), "core"));
    }
}
