package dev.fleet.cli;

import dev.fleet.autoscaler.ScalingDecision;
import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.ActionKind;
import dev.fleet.lifecycle.plan.RunnerClass;
import dev.fleet.lifecycle.reconcile.ActionResult;
import dev.fleet.lifecycle.reconcile.PoolReport;
import dev.fleet.lifecycle.reconcile.QueueSummary;
import dev.fleet.lifecycle.reconcile.RunnerView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class PoolReportTextTest {

    @Test
    void showsTheQueueDecisionRunnersInWholeSecondsAndActions() {
        PoolReport report = new PoolReport("ci", PoolReport.Status.RECONCILED,
                Optional.of(ScalingDecision.scaleUp(1, 2, List.of(), "2 queued jobs have no runner")),
                new QueueSummary(2, 1),
                List.of(new RunnerView("fleet-ci-aaaaaaaa", RunnerClass.BUSY, Optional.of(VmInfo.PowerState.RUNNING),
                                Optional.of(RunnerInfo.Status.ONLINE), true, Duration.ofMinutes(12).plusMillis(106)),
                        new RunnerView("fleet-ci-bbbbbbbb", RunnerClass.ORPHANED_RUNNER, Optional.empty(),
                                Optional.of(RunnerInfo.Status.OFFLINE), false, Duration.ZERO)),
                List.of(new ActionResult(ActionKind.CREATE, "2 new", "2 queued jobs have no runner",
                                ActionResult.Result.DONE, "2 online"),
                        new ActionResult(ActionKind.REMOVE_REGISTRATION, "fleet-ci-bbbbbbbb", "its VM is gone",
                                ActionResult.Result.DONE, "")),
                List.of());

        assertThat(PoolReportText.render(report)).isEqualTo(""
                + "pool ci: reconciled (queue: 2 queued, 1 in progress)\n"
                + "  decision: scale up, 1 -> 3: 2 queued jobs have no runner\n"
                + "  RUNNER             STATE            VM       GITHUB   BUSY  AGE\n"
                + "  fleet-ci-aaaaaaaa  busy             running  online   yes   12m\n"
                + "  fleet-ci-bbbbbbbb  orphaned runner  -        offline  no     0s\n"
                + "  actions:\n"
                + "    ACTION               TARGET             RESULT          WHY\n"
                + "    create               2 new              done: 2 online  2 queued jobs have no runner\n"
                + "    remove registration  fleet-ci-bbbbbbbb  done            its VM is gone\n");
    }

    @Test
    void aPassWhoseActionFailedSaysSoInItsHeading() {
        PoolReport report = new PoolReport("ci", PoolReport.Status.RECONCILED,
                Optional.of(ScalingDecision.scaleUp(0, 1, List.of(), "1 queued job")), new QueueSummary(1, 0), List.of(),
                List.of(new ActionResult(ActionKind.CREATE, "fleet-ci-aaaaaaaa", "1 queued job",
                        ActionResult.Result.FAILED, "QuotaExceeded: no cores left")),
                List.of());

        assertThat(PoolReportText.render(report))
                .startsWith("pool ci: reconciled, 1 action failed (queue: 1 queued, 0 in progress)\n");
    }

    @Test
    void aDryRunSaysWhatItWouldDoAndAFailureSaysWhy() {
        PoolReport dryRun = new PoolReport("ci", PoolReport.Status.DRY_RUN,
                Optional.of(ScalingDecision.maintain(0, List.of(), "no demand")), new QueueSummary(0, 0), List.of(),
                List.of(new ActionResult(ActionKind.REAP_VM, "fleet-ci-cccccccc", "its job is done",
                        ActionResult.Result.PLANNED, "")),
                List.of());
        assertThat(PoolReportText.render(dryRun)).contains("decision: maintain, keep 0: no demand", "found no runners",
                "would do:", "reap vm  fleet-ci-cccccccc  planned  its job is done");

        PoolReport failed = new PoolReport("gpu", PoolReport.Status.FAILED, Optional.empty(), new QueueSummary(0, 0),
                List.of(), List.of(), List.of("GitHub answered 502 for GET /repos/octo/repo/actions/runners"));
        assertThat(PoolReportText.render(failed)).isEqualTo(""
                + "pool gpu: failed (queue: 0 queued, 0 in progress)\n"
                + "  found no runners\n"
                + "  error: GitHub answered 502 for GET /repos/octo/repo/actions/runners\n");
    }
}
