package dev.fleet.lifecycle.reconcile;

import static dev.fleet.lifecycle.reconcile.ReconcileWorld.action;
import static dev.fleet.lifecycle.reconcile.ReconcileWorld.only;
import static dev.fleet.lifecycle.reconcile.ReconcileWorld.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fleet.config.FleetConfig;
import dev.fleet.config.ScalingSettings;
import dev.fleet.lifecycle.plan.ActionKind;
import dev.fleet.lifecycle.reconcile.ActionResult.Result;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub's {@code busy} flag reads false for 25 to 60 seconds after a job is given to a runner, and now and then in the
 * middle of a job: a runner that reads idle is removed for idleness only when no queued or in-progress job names it
 * and it has been online for the confirmation window.
 */
class IdleConfirmationTest {
    private static final String IDLE = "fleet-ci-idle0001";
    private static final Duration WINDOW = Duration.ofMinutes(2);

    private final ReconcileWorld world;

    IdleConfirmationTest(@TempDir Path stateRoot) {
        this.world = new ReconcileWorld(stateRoot, WINDOW);
    }

    @Test
    void anIdleLookingRunnerAJobNamesIsKeptPastTheIdleTimeout() {
        world.runner("ci", IDLE, Duration.ofHours(1), false);
        world.world.clock.advance(WINDOW);
        world.queue.gave("ci", 123, IDLE);

        PoolReport report = only(world.reconcile(ReconcileWorld.config(pool("ci", 0, 10))));

        assertThat(action(report, IDLE)).get().satisfies(action -> {
            assertThat(action.kind()).isEqualTo(ActionKind.REMOVE);
            assertThat(action.result()).isEqualTo(Result.KEPT);
            assertThat(action.detail()).isEqualTo("job 123 names it");
        });
        assertThat(world.vmNames("ci")).containsExactly(IDLE);
        assertThat(world.runnerNames()).containsExactly(IDLE);
        assertThat(report.ok()).isTrue();
        assertThat(report.summary()).endsWith("; 1 kept");
    }

    @Test
    void aRunnerJustSeenOnlineIsKeptForTheWindowAndThenRemoved() {
        world.runner("ci", IDLE, Duration.ofHours(1), false);
        FleetConfig config = ReconcileWorld.config(pool("ci", 0, 10));

        PoolReport first = only(world.reconcile(config));
        world.world.clock.advance(WINDOW.minusSeconds(1));
        PoolReport second = only(world.reconcile(config));
        world.world.clock.advance(Duration.ofSeconds(1));
        PoolReport third = only(world.reconcile(config));

        assertThat(action(first, IDLE)).get().extracting(ActionResult::result, ActionResult::detail)
                .containsExactly(Result.KEPT, "online for less than 2m");
        assertThat(action(second, IDLE)).get().extracting(ActionResult::result).isEqualTo(Result.KEPT);
        assertThat(action(third, IDLE)).get().extracting(ActionResult::result).isEqualTo(Result.DONE);
        assertThat(world.vmNames("ci")).isEmpty();
    }

    @Test
    void aRunnerAJobNamesIsNotRotated() {
        world.runner("ci", IDLE, Duration.ofHours(26), false);
        world.world.clock.advance(WINDOW);
        world.queue.gave("ci", 123, IDLE);
        ScalingSettings rotating = new ScalingSettings(null, 1, 10, null, null, null, Duration.ZERO,
                Duration.ofDays(2), Duration.ofHours(24), null);

        PoolReport report = only(world.reconcile(ReconcileWorld.config(pool("ci", rotating, true, null))));

        assertThat(report.actions()).singleElement().satisfies(action -> {
            assertThat(action.kind()).isEqualTo(ActionKind.ROTATE);
            assertThat(action.result()).isEqualTo(Result.KEPT);
            assertThat(action.detail()).isEqualTo("job 123 names it");
        });
        assertThat(world.vmNames("ci")).containsExactly(IDLE);
    }

    @Test
    void aDisabledPoolKeepsARunnerAJobNamesUnlessForced() {
        world.runner("ci", IDLE, Duration.ofHours(1), false);
        world.runner("ci", "fleet-ci-idle0002", Duration.ofHours(1), false);
        world.queue.gave("ci", 123, IDLE);
        FleetConfig config = ReconcileWorld.config(pool("ci", ReconcileWorld.scaling(0, 10, Duration.ZERO), false,
                null));
        world.reconcile(config);
        world.world.clock.advance(WINDOW);

        PoolReport drained = only(world.reconcile(config));

        assertThat(drained.actions()).extracting(ActionResult::target, ActionResult::result).containsExactly(
                tuple(IDLE, Result.KEPT),
                tuple("fleet-ci-idle0002", Result.DONE));
        assertThat(world.vmNames("ci")).containsExactly(IDLE);

        PoolReport forced = only(world.reconciler.reconcile(config, ReconcileWorld.request(false, true),
                ReconcileListener.NONE));

        assertThat(action(forced, IDLE)).get().extracting(ActionResult::result).isEqualTo(Result.DONE);
        assertThat(world.vmNames("ci")).isEmpty();
    }

    @Test
    void aDryRunShowsWhyItWouldKeepARunner() {
        world.runner("ci", IDLE, Duration.ofHours(1), false);
        world.queue.gave("ci", 123, IDLE);

        PoolReport plan = only(world.dryRun(ReconcileWorld.config(pool("ci", 0, 10))));

        assertThat(action(plan, IDLE)).get().extracting(ActionResult::result, ActionResult::detail)
                .containsExactly(Result.KEPT, "job 123 names it");
        assertThat(world.vmNames("ci")).containsExactly(IDLE);
    }
}
