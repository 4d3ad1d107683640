package dev.fleet.lifecycle;

import dev.fleet.config.AzureSettings;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.GitHubSettings;
import dev.fleet.config.PoolConfig;
import dev.fleet.config.ScalingSettings;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.Sleeper;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A LifecycleManager wired to fakes of Azure, GitHub and the installer, with a clock that only moves when it waits. */
public final class World {
    static final ProvisioningSettings SETTINGS = new ProvisioningSettings(Duration.ofMinutes(5), Duration.ofSeconds(5));

    public final Events events = new Events();
    public final FakeVmProvider azure = new FakeVmProvider(events);
    public final FakeGitHub github = new FakeGitHub(events);
    public final FakeInstaller installer = new FakeInstaller(github, events);
    public final MutableClock clock = new MutableClock();
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    /** What provisioning wrote in its journal, in order: {@code record <vm>} and {@code clear <vm>}. */
    public final List<String> journal = Collections.synchronizedList(new ArrayList<>());
    public final Provisioning provisioning;

    /** Each wait moves the clock on instead of sleeping. */
    public World() {
        this(null);
    }

    /** @param sleeper waits instead of the clock-moving one, e.g. to be interrupted */
    World(Sleeper sleeper) {
        Sleeper moveClock = duration -> {
            sleeps.add(duration);
            clock.advance(duration);
        };
        provisioning = new Provisioning(azure, installer, github, clock,
                Objects.requireNonNullElse(sleeper, moveClock), SETTINGS);
    }

    List<ProvisionOutcome> provision(PoolContext pool, int count) {
        return provision(pool, count, ProvisionListener.NONE);
    }

    List<ProvisionOutcome> provision(PoolContext pool, int count, ProvisionListener listener) {
        return provisioning.create(pool, count, recordingJournal(), listener);
    }

    RotateOutcome rotate(PoolContext pool, VmInfo old, Optional<RunnerInfo> runner) {
        return provisioning.rotate(pool, old, runner, recordingJournal(), ProvisionListener.NONE);
    }

    private IntentJournal recordingJournal() {
        return new IntentJournal() {
            @Override
            public void record(String vmName) {
                journal.add("record " + vmName);
            }

            @Override
            public void clear(String vmName) {
                journal.add("clear " + vmName);
            }
        };
    }

    /** A repository pool that registers with tokens. */
    static PoolContext tokenPool() {
        return tokenPool(10);
    }

    /** An organization pool in a named runner group that registers just in time. */
    static PoolContext jitPool() {
        PoolConfig pool = new PoolConfig("org_Builds", null, "octo-org", null, List.of("gpu"), "builders", null, null,
                PoolConfig.Registration.JIT, "2.329.0", null, null, null, null);
        return PoolContext.of(config(), pool);
    }

    static PoolContext tokenPool(int provisioningConcurrency) {
        ScalingSettings scaling = new ScalingSettings(null, null, null, null, null, null, null, null, null,
                provisioningConcurrency);
        return PoolContext.of(config(), new PoolConfig("linux_Build", "octo/app", null, null, List.of("gpu"), null,
                null, scaling, PoolConfig.Registration.TOKEN, null, null, null, null, null));
    }

    public static FleetConfig config() {
        AzureSettings azure = new AzureSettings(null, null, null, "00000000-0000-0000-0000-000000000000", "rg-fleet",
                "westeurope", null, null, "runner", 2222, List.of("203.0.113.0/24"), null);
        return new FleetConfig(null, new GitHubSettings(null, null, null), azure, null);
    }
}
