package dev.fleet.cli;

import dev.fleet.config.FleetConfig;
import dev.fleet.github.GitHubRequestListener;
import dev.fleet.github.GitHubRunners;
import dev.fleet.github.RateLimit;
import dev.fleet.github.RunnerAccess;
import dev.fleet.github.Sleeper;
import dev.fleet.github.Webhooks;
import dev.fleet.lifecycle.Provisioning;
import dev.fleet.lifecycle.ProvisioningSettings;
import dev.fleet.lifecycle.azure.ArmRequestListener;
import dev.fleet.lifecycle.azure.AzureAccount;
import dev.fleet.lifecycle.azure.VmProvider;
import dev.fleet.lifecycle.bootstrap.RunnerInstaller;
import dev.fleet.queue.JobQueue;
import java.time.Clock;
import java.util.Optional;

/**
 * GitHub and Azure as one config reaches them, through the narrow interfaces the commands and the reconciler use.
 * Commands get these from a {@link Factory}, so tests hand in fakes and nothing below is built until it is used.
 */
interface FleetServices {

    /** Builds the services of a config. */
    @FunctionalInterface
    interface Factory {
        FleetServices of(FleetConfig config);

        /** The same services, telling each answer of GitHub and of ARM (serve's metrics); fakes have none to tell. */
        default Factory reportingTo(GitHubRequestListener gitHubRequests, ArmRequestListener armRequests) {
            return this;
        }
    }

    RunnerAccess runnerAccess();

    GitHubRunners runners();

    /** The pools' webhooks on GitHub and their deliveries. */
    Webhooks webhooks();

    JobQueue jobQueue();

    AzureAccount azureAccount();

    VmProvider vms();

    RunnerInstaller installer();

    /** The rate-limit headers of GitHub's latest answer; empty before GitHub was asked anything. */
    Optional<RateLimit> gitHubRateLimit();

    /** The time reconcile decides by. */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /** The provisioning service over the parts above; it keeps no state, so a new one each call costs nothing. */
    default Provisioning provisioning() {
        return new Provisioning(vms(), installer(), runners(), clock(), Sleeper.SYSTEM, ProvisioningSettings.DEFAULTS);
    }
}
