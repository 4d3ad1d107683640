package dev.fleet.cli;

import dev.fleet.cli.command.FleetException;
import dev.fleet.config.FleetConfig;
import dev.fleet.github.GitHubClient;
import dev.fleet.github.GitHubClientSettings;
import dev.fleet.github.GitHubCredentials;
import dev.fleet.github.GitHubRequestListener;
import dev.fleet.github.GitHubRunners;
import dev.fleet.github.RateLimit;
import dev.fleet.github.RestGitHubRunners;
import dev.fleet.github.RestWebhooks;
import dev.fleet.github.RunnerAccess;
import dev.fleet.github.RunnerScope;
import dev.fleet.github.Sleeper;
import dev.fleet.github.Webhooks;
import dev.fleet.lifecycle.PoolContext;
import dev.fleet.lifecycle.azure.ArmRequestListener;
import dev.fleet.lifecycle.azure.AzureAccount;
import dev.fleet.lifecycle.azure.AzureVmProviderFactory;
import dev.fleet.lifecycle.azure.VmProvider;
import dev.fleet.lifecycle.bootstrap.RunnerInstaller;
import dev.fleet.lifecycle.bootstrap.SshRunnerInstaller;
import dev.fleet.queue.JobQueue;
import dev.fleet.queue.RestJobQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The real services of a config: one GitHub client (the config's API URL unless {@code GITHUB_API_URL} says
 * otherwise, its credentials, and the disk cache so that a reconcile run from a timer gets 304s), and Azure as
 * {@link AzureVmProviderFactory} signs in to it. Each part is built on first use, so a command that only edits the
 * config never loads the Azure SDK, and one that only talks to GitHub never signs in to Azure.
 */
final class ProductionServices implements FleetServices {
    /** An Azure Linux VM accepts SSH a minute or two after it is created; five leaves room for a slow region. */
    static final Duration SSH_BOOT_TIMEOUT = Duration.ofMinutes(5);

    private final Supplier<GitHubClient> github;
    private final Supplier<RestGitHubRunners> runners;
    private final Supplier<Webhooks> webhooks;
    private final Supplier<JobQueue> jobQueue;
    private final Supplier<AzureAccount> azureAccount;
    private final Supplier<VmProvider> vms;
    private final Supplier<RunnerInstaller> installer;

    /** @param gitHubRequests told of each of GitHub's answers */
    ProductionServices(FleetConfig config, Map<String, String> env, AzureVmProviderFactory azure,
                       GitHubRequestListener gitHubRequests) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(gitHubRequests, "gitHubRequests");
        this.github = once(() -> {
            GitHubClientSettings settings = GitHubClientSettings
                    .resolve(env, null, config.github(), VersionProvider.version())
                    .withCacheDir(GitHubClientSettings.defaultCacheDir(env));
            return new GitHubClient(settings,
                    GitHubCredentials.fromConfig(config.github(), env, installedOn(config), settings),
                    Clock.systemUTC(), Sleeper.SYSTEM, gitHubRequests);
        });
        this.runners = once(() -> new RestGitHubRunners(github.get()));
        this.webhooks = once(() -> new RestWebhooks(github.get()));
        this.jobQueue = once(() -> new RestJobQueue(github.get()));
        this.azureAccount = once(() -> settingUp(() -> azure.account(config)));
        this.vms = once(() -> settingUp(() -> azure.create(config)));
        this.installer = once(() -> new SshRunnerInstaller(SSH_BOOT_TIMEOUT));
    }

    /** The factory {@code fleet} runs with: the process's environment and Azure over OkHttp. */
    static Factory factory(Map<String, String> env) {
        return factory(env, GitHubRequestListener.NONE, ArmRequestListener.NONE);
    }

    /** The same, with each answer of GitHub and of ARM told, e.g. to {@code serve}'s metrics. */
    static Factory factory(Map<String, String> env, GitHubRequestListener gitHubRequests,
                           ArmRequestListener armRequests) {
        return new Factory() {
            @Override
            public FleetServices of(FleetConfig config) {
                return new ProductionServices(config, env,
                        AzureVmProviderFactory.production().reportingTo(armRequests), gitHubRequests);
            }

            @Override
            public Factory reportingTo(GitHubRequestListener gitHub, ArmRequestListener arm) {
                return factory(env, gitHub, arm);
            }
        };
    }

    @Override
    public RunnerAccess runnerAccess() {
        return runners.get();
    }

    @Override
    public GitHubRunners runners() {
        return runners.get();
    }

    @Override
    public Webhooks webhooks() {
        return webhooks.get();
    }

    @Override
    public JobQueue jobQueue() {
        return jobQueue.get();
    }

    @Override
    public AzureAccount azureAccount() {
        return azureAccount.get();
    }

    @Override
    public VmProvider vms() {
        return vms.get();
    }

    @Override
    public Optional<RateLimit> gitHubRateLimit() {
        return Optional.ofNullable(github.get().stats().lastRateLimit());
    }

    @Override
    public RunnerInstaller installer() {
        return installer.get();
    }

    /**
     * Where a GitHub App without an installation id is looked up: the first pool's scope. One credential serves the
     * whole config, so pools in several accounts need the config to name the installation.
     */
    private static RunnerScope installedOn(FleetConfig config) {
        return config.pools().stream().findFirst().map(pool -> PoolContext.of(config, pool).scope()).orElse(null);
    }

    /** What the factory refuses is a setting nobody made (no subscription, endpoints missing): bad input. */
    private static <T> T settingUp(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw FleetException.badInput(e.getMessage());
        }
    }

    private static <T> Supplier<T> once(Supplier<T> build) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = build.get();
                }
                return value;
            }
        };
    }
}
