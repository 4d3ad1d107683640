package dev.fleet.lifecycle.reconcile;

import static dev.fleet.lifecycle.reconcile.ReconcileWorld.action;
import static dev.fleet.lifecycle.reconcile.ReconcileWorld.only;
import static dev.fleet.lifecycle.reconcile.ReconcileWorld.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fleet.autoscaler.ScalingDecision;
import dev.fleet.config.PoolConfig;
import dev.fleet.config.ScalingSettings;
import dev.fleet.lifecycle.azure.DeleteOutcome;
import dev.fleet.lifecycle.azure.VmCreation;
import dev.fleet.lifecycle.plan.ActionKind;
import dev.fleet.lifecycle.reconcile.ActionResult.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerScalingTest {
    private static final Duration HOUR = Duration.ofHours(1);

    private final ReconcileWorld world;

    ReconcilerScalingTest(@TempDir Path stateRoot) {
        this.world = new ReconcileWorld(stateRoot);
    }

    @Test
    void createsOneOnlineRunnerForEachQueuedJob() {
        world.queue.queued("ci", 3);

        PoolReport report = only(world.reconcile(ReconcileWorld.config(pool("ci", 0, 10))));

        assertThat(report.status()).isEqualTo(PoolReport.Status.RECONCILED);
        assertThat(report.decision()).get().extracting(ScalingDecision::action, ScalingDecision::create)
                .containsExactly(ScalingDecision.Action.SCALE_UP, 3);
        assertThat(report.actions()).hasSize(3).allSatisfy(action -> {
            assertThat(action.kind()).isEqualTo(ActionKind.CREATE);
            assertThat(action.result()).isEqualTo(Result.DONE);
        });
        assertThat(report.queue()).isEqualTo(new QueueSummary(3, 0));
        assertThat(world.vmNames("ci")).hasSize(3).allMatch(name -> name.matches("fleet-ci-[a-z0-9]{8}"));
        assertThat(world.runnerNames()).isEqualTo(world.vmNames("ci"));
        assertThat(report.actions()).extracting(ActionResult::target)
                .containsExactlyInAnyOrderElementsOf(world.vmNames("ci"));
    }

    @Test
    void scalingUpStopsAtTheMaximum() {
        world.queue.queued("ci", 20);

        PoolReport report = only(world.reconcile(ReconcileWorld.config(pool("ci", 0, 4))));

        assertThat(report.actions()).hasSize(4);
        assertThat(world.vmNames("ci")).hasSize(4);
        assertThat(report.decision().orElseThrow().reason()).contains("max 4");
    }

    @Test
    void runnersAlreadyComingCountAgainstTheQueue() {
        world.vm("ci", "fleet-ci-boot0001", Duration.ofMinutes(2));
        world.runner("ci", "fleet-ci-idle0001", HOUR, false);
        world.queue.queued("ci", 3);

        PoolReport report = only(world.reconcile(ReconcileWorld.config(pool("ci", 0, 10))));

        assertThat(report.decision().orElseThrow().create()).isEqualTo(1);
        assertThat(world.vmNames("ci")).hasSize(3);
    }

    @Test
    void idleRunnersPastTheTimeoutAreRemovedDownToMinAndBusyOnesKept() {
        world.runner("ci", "fleet-ci-idle0001", Duration.ofHours(3), false);
        world.runner("ci", "fleet-ci-idle0002", Duration.ofHours(2), false);
        world.runner("ci", "fleet-ci-idle0003", HOUR, false);
        world.runner("ci", "fleet-ci-busy0001", Duration.ofHours(4), true);

        PoolReport report = only(world.reconcile(ReconcileWorld.config(pool("ci", 2, 10))));

        assertThat(report.actions()).extracting(ActionResult::kind, ActionResult::target, ActionResult::result)
                .containsExactly(
                        tuple(ActionKind.REMOVE, "fleet-ci-idle0001", Result.DONE),
                        tuple(ActionKind.REMOVE, "fleet-ci-idle0002", Result.DONE));
        assertThat(world.vmNames("ci")).containsExactly("fleet-ci-busy0001", "fleet-ci-idle0003");
        assertThat(world.runnerNames()).containsExactly("fleet-ci-busy0001", "fleet-ci-idle0003");
    }

    @Test
    void idleRunnersWithinTheTimeoutStay() {
        world.runner("ci", "fleet-ci-idle0001", Duration.ofMinutes(3), false);

        PoolReport report = only(world.reconcile(ReconcileWorld.config(pool("ci", 0, 10))));

        assertThat(report.actions()).isEmpty();
        assertThat(report.decision().orElseThrow().action()).isEqualTo(ScalingDecision.Action.MAINTAIN);
        assertThat(world.vmNames("ci")).containsExactly("fleet-ci-idle0001");
    }

    @Test
    void aManualSizePinsThePoolWhateverTheQueue() {
        PoolConfig pinned = pool("ci", ReconcileWorld.scaling(0, 10, Duration.ZERO), true, 2);
        world.queue.queued("ci", 7);

        only(world.reconcile(ReconcileWorld.config(pinned)));
        assertThat(world.vmNames("ci")).hasSize(2);

        world.queue.queued("ci", 0);
        world.world.clock.advance(HOUR);
        PoolReport later = only(world.reconcile(ReconcileWorld.config(pinned)));

        assertThat(later.actions()).isEmpty();
        assertThat(world.vmNames("ci")).hasSize(2);
    }

    @Test
    void aScalingActionStartsACooldownThatTheNextPassReadsBack() {
        PoolConfig cooling = pool("ci", ReconcileWorld.scaling(0, 10, Duration.ofMinutes(30)), true, null);
        world.queue.queued("ci", 1);

        only(world.reconcile(ReconcileWorld.config(cooling)));

        assertThat(world.state.lastScalingAction("ci")).contains(world.now());
        world.queue.queued("ci", 0);
        world.world.clock.advance(Duration.ofMinutes(10));
        PoolReport cooled = only(world.reconcile(ReconcileWorld.config(cooling)));
        assertThat(cooled.actions()).isEmpty();
        assertThat(cooled.decision().orElseThrow().reason()).contains("cooldown");
        assertThat(world.vmNames("ci")).hasSize(1);

        world.world.clock.advance(Duration.ofMinutes(25));
        PoolReport after = only(world.reconcile(ReconcileWorld.config(cooling)));
        assertThat(after.actions()).extracting(ActionResult::kind).containsExactly(ActionKind.REMOVE);
        assertThat(world.vmNames("ci")).isEmpty();
        assertThat(world.state.lastScalingAction("ci")).contains(world.now());
    }

    @Test
    void aPassThatChangesNothingStartsNoCooldown() {

        only(world.reconcile(ReconcileWorld.config(pool("ci", 0, 10))));

        assertThat(world.state.lastScalingAction("ci")).isEmpty();
    }

    @Test
    void aVmAzureRefusesIsAFailedActionWithAzuresReasonAndThePoolStillReconciles() {
        world.world.azure.refuseCreates(new VmCreation.Failed(VmCreation.Category.QUOTA_EXCEEDED, "QuotaExceeded",
                "Operation could not be completed as it results in exceeding approved standardDSv3Family Cores quota"));
        world.queue.queued("ci", 1);

        PassReport pass = world.reconcile(ReconcileWorld.config(pool("ci", 0, 10)));

        PoolReport report = only(pass);
        assertThat(report.status()).isEqualTo(PoolReport.Status.RECONCILED);
        assertThat(report.actions()).singleElement().satisfies(action -> {
            assertThat(action.kind()).isEqualTo(ActionKind.CREATE);
            assertThat(action.result()).isEqualTo(Result.FAILED);
            assertThat(action.detail()).contains("QUOTA_EXCEEDED", "QuotaExceeded", "standardDSv3Family");
        });
        assertThat(pass.ok()).isFalse();
        assertThat(report.summary()).contains("1 failed");
    }

    @Test
    void aRunnerPackageGitHubCannotNameFailsTheCreateActionOnly() {
        world.world.github.offersLatest(new dev.fleet.github.RunnerDownload("linux", "x64",
                java.net.URI.create("https://github.com/actions/runner/releases/download/v2.331.0/x.tar.gz"),
                "actions-runner-linux-x64-2.331.0.tar.gz", null));
        world.queue.queued("ci", 2);

        PoolReport report = only(world.reconcile(ReconcileWorld.config(pool("ci", 0, 10))));

        assertThat(report.status()).isEqualTo(PoolReport.Status.RECONCILED);
        assertThat(report.actions()).singleElement().satisfies(action -> {
            assertThat(action.target()).isEqualTo("2 new");
            assertThat(action.result()).isEqualTo(Result.FAILED);
            assertThat(action.detail()).contains("SHA-256");
        });
        assertThat(world.vmNames("ci")).isEmpty();
    }

    @Test
    void runnersOlderThanMaxAgeAreReplacedByFreshOnes() {
        ScalingSettings rotating = rotatingAfterADay(2);
        world.runner("ci", "fleet-ci-busy0001", Duration.ofHours(25), true);
        world.runner("ci", "fleet-ci-idle0001", Duration.ofHours(26), false);

        PoolReport report = only(world.reconcile(ReconcileWorld.config(pool("ci", rotating, true, null))));

        assertThat(report.actions()).singleElement().satisfies(action -> {
            assertThat(action.kind()).isEqualTo(ActionKind.ROTATE);
            assertThat(action.target()).isEqualTo("fleet-ci-idle0001");
            assertThat(action.result()).isEqualTo(Result.DONE);
            assertThat(action.detail()).startsWith("replacement fleet-ci-");
        });
        assertThat(world.vmNames("ci")).hasSize(2).doesNotContain("fleet-ci-idle0001").contains("fleet-ci-busy0001");
    }

    @Test
    void aRotationWhoseReplacementFailsKeepsTheOldRunner() {
        ScalingSettings rotating = rotatingAfterADay(1);
        world.runner("ci", "fleet-ci-old00001", Duration.ofHours(25), false);
        world.world.azure.refuseCreates(new VmCreation.Failed(VmCreation.Category.SKU_NOT_AVAILABLE,
                "SkuNotAvailable", "Standard_D2s_v5 is not available in westeurope"));

        PoolReport report = only(world.reconcile(ReconcileWorld.config(pool("ci", rotating, true, null))));

        assertThat(action(report, "fleet-ci-old00001")).get().satisfies(action -> {
            assertThat(action.kind()).isEqualTo(ActionKind.ROTATE);
            assertThat(action.result()).isEqualTo(Result.FAILED);
            assertThat(action.detail()).contains("old runner kept", "SkuNotAvailable");
        });
        assertThat(world.vmNames("ci")).containsExactly("fleet-ci-old00001");
    }

    @Test
    void aVmAzureWillNotDeleteIsAFailedRemoval() {
        world.runner("ci", "fleet-ci-idle0001", HOUR, false);
        world.world.azure.failDeletes(new DeleteOutcome.Failed("ScopeLocked", "the resource group is locked"));

        PoolReport report = only(world.reconcile(ReconcileWorld.config(pool("ci", 0, 10))));

        assertThat(report.actions()).singleElement().satisfies(action -> {
            assertThat(action.result()).isEqualTo(Result.FAILED);
            assertThat(action.detail()).contains("ScopeLocked", "the resource group is locked");
        });
        assertThat(report.ok()).isFalse();
    }

    @Test
    void eachCreatedRunnersOutcomeReachesTheListener() {
        world.queue.queued("ci", 2);
        List<String> heard = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        ReconcileListener listener = new ReconcileListener() {
            @Override
            public void poolStarted(String pool) {
                heard.add("started " + pool);
            }

            @Override
            public void finished(dev.fleet.lifecycle.ProvisionOutcome outcome) {
                heard.add("online " + outcome.vmName());
            }

            @Override
            public void poolFinished(PoolReport report) {
                heard.add("finished " + report.pool());
            }
        };

        world.reconciler.reconcile(ReconcileWorld.config(pool("ci", 0, 10)), ReconcileWorld.request(false, false),
                listener);

        assertThat(heard).hasSize(4).startsWith("started ci").endsWith("finished ci");
        assertThat(heard.subList(1, 3)).allMatch(line -> line.startsWith("online fleet-ci-"));
    }

    @Test
    void aFailingListenerFailsNeitherThePoolNorItsReport() {
        world.queue.queued("ci", 1);
        ReconcileListener broken = new ReconcileListener() {
            @Override
            public void poolStarted(String pool) {
                throw new IllegalStateException("terminal gone");
            }

            @Override
            public void poolFinished(PoolReport report) {
                throw new IllegalStateException("terminal gone");
            }
        };

        PassReport pass = world.reconciler.reconcile(ReconcileWorld.config(pool("ci", 0, 10)),
                ReconcileWorld.request(false, false), broken);

        assertThat(pass.ok()).isTrue();
        assertThat(world.vmNames("ci")).hasSize(1);
    }

    /** Runners older than a day are rotated; none is idle long enough to be removed. */
    private static ScalingSettings rotatingAfterADay(int min) {
        return new ScalingSettings(null, min, 10, null, null, null, Duration.ZERO, Duration.ofDays(2),
                Duration.ofHours(24), null);
    }
}
