package dev.fleet.lifecycle.reconcile;

import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.config.ScalingSettings;
import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.PoolRunners;
import dev.fleet.lifecycle.World;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.ReconcileSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A Reconciler over the lifecycle tests' {@link World} (fake Azure, GitHub and installer, a clock that moves by hand),
 * a fake job queue and a real state folder, with the pools and pool members the tests talk about.
 */
final class ReconcileWorld {
    static final Duration GRACE = Duration.ofMinutes(10);
    static final Duration STRAY_GRACE = Duration.ofMinutes(30);

    final World world = new World();
    final FakeJobQueue queue = new FakeJobQueue();
    final StateFolder state;
    final Reconciler reconciler;

    /** Without a confirmation window: most tests are about what a pass decides, and the window has tests of its own. */
    ReconcileWorld(Path stateRoot) {
        this(stateRoot, Duration.ZERO);
    }

    ReconcileWorld(Path stateRoot, Duration idleConfirmation) {
        state = new StateFolder(stateRoot, world.clock);
        reconciler = new Reconciler(world.azure, world.github, queue, world.provisioning, state, world.clock,
                new ReconcileSettings(GRACE, GRACE, idleConfirmation, STRAY_GRACE));
    }

    /** A repository pool of octo/app with these limits, no cooldown and a five-minute idle timeout. */
    static PoolConfig pool(String name, int min, int max) {
        return pool(name, scaling(min, max, Duration.ZERO), true, null);
    }

    static ScalingSettings scaling(int min, int max, Duration cooldown) {
        return new ScalingSettings(null, min, max, null, null, null, cooldown, Duration.ofMinutes(5), Duration.ZERO,
                null);
    }

    static PoolConfig pool(String name, ScalingSettings scaling, boolean enabled, Integer manualSize) {
        return new PoolConfig(name, "octo/app", null, null, List.of("linux"), null, null, scaling,
                PoolConfig.Registration.TOKEN, null, null, null, enabled, manualSize);
    }

    static FleetConfig config(PoolConfig... pools) {
        FleetConfig base = World.config();
        return new FleetConfig(null, base.github(), base.azure(), List.of(pools));
    }

    PassReport reconcile(FleetConfig config) {
        return reconciler.reconcile(config, request(false, false), ReconcileListener.NONE);
    }

    PassReport dryRun(FleetConfig config) {
        return reconciler.reconcile(config, request(true, false), ReconcileListener.NONE);
    }

    static ReconcileRequest request(boolean dryRun, boolean force) {
        return new ReconcileRequest(Optional.empty(), dryRun, force, Duration.ZERO);
    }

    Instant now() {
        return world.clock.instant();
    }

    /** A VM fleet made {@code age} ago for {@code pool}, running, with no runner yet. */
    VmInfo vm(String pool, String name, Duration age) {
        return vm(pool, name, age, VmInfo.PowerState.RUNNING);
    }

    VmInfo vm(String pool, String name, Duration age, VmInfo.PowerState power) {
        return world.azure.existing(new VmInfo(name, pool, "rg-fleet", power, VmInfo.ProvisioningState.SUCCEEDED,
                now().minus(age)));
    }

    /** A VM and its online runner, made {@code age} ago. */
    void runner(String pool, String name, Duration age, boolean busy) {
        vm(pool, name, age);
        world.github.existing(name, RunnerInfo.Status.ONLINE, busy, labels(pool));
    }

    /** A registration of {@code pool}'s, as fleet makes them: with the pool's label. */
    RunnerInfo registration(String pool, String name, RunnerInfo.Status status) {
        return world.github.existing(name, status, false, labels(pool));
    }

    static List<String> labels(String pool) {
        return List.of("self-hosted", "linux", PoolRunners.label(pool));
    }

    List<String> vmNames(String pool) {
        return world.azure.list(pool).stream().map(VmInfo::name).sorted().toList();
    }

    List<String> runnerNames() {
        return world.github.all().stream().map(RunnerInfo::name).sorted().toList();
    }

    static PoolReport only(PassReport report) {
        if (report.pools().size() != 1) {
            throw new AssertionError("expected one pool, got " + report.pools());
        }
        return report.pools().get(0);
    }

    static Optional<RunnerView> view(PoolReport report, String name) {
        return report.runners().stream().filter(runner -> runner.name().equals(name)).findFirst();
    }

    static Optional<ActionResult> action(PoolReport report, String target) {
        return report.actions().stream().filter(action -> action.target().equals(target)).findFirst();
    }
}
