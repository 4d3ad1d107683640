package dev.fleet.cli.serve;

import dev.fleet.autoscaler.ScalingDecision;
import dev.fleet.github.RateLimit;
import dev.fleet.lifecycle.ProvisionListener.Stage;
import dev.fleet.lifecycle.ProvisionOutcome;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.ActionKind;
import dev.fleet.lifecycle.plan.RunnerClass;
import dev.fleet.lifecycle.reconcile.ActionResult;
import dev.fleet.lifecycle.reconcile.PoolReport;
import dev.fleet.lifecycle.reconcile.QueueSummary;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import dev.fleet.lifecycle.reconcile.RunnerView;
import dev.fleet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What serve tells its metrics, made by hand: pass reports, a VM's stages, webhook, GitHub and ARM news. */
final class Traffic {
    static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");

    private Traffic() {
    }

    /** A reconciled pass of {@code pool} that saw {@code states}, read the queue and did {@code actions}. */
    static PoolReport reconciled(String pool, List<RunnerClass> states, QueueSummary queue,
                                 ScalingDecision decision, List<ActionResult> actions) {
        List<RunnerView> runners = new ArrayList<>();
        for (RunnerClass state : states) {
            runners.add(new RunnerView("fleet-" + pool + "-" + String.format("%08d", runners.size()), state,
                    Optional.of(VmInfo.PowerState.RUNNING), Optional.empty(), state == RunnerClass.BUSY,
                    Duration.ofMinutes(3)));
        }
        return new PoolReport(pool, PoolReport.Status.RECONCILED, Optional.of(decision), queue, runners, actions,
                List.of());
    }

    static ActionResult action(ActionKind kind, ActionResult.Result result) {
        return new ActionResult(kind, "fleet-ci-0000000a", "because", result, "");
    }

    /** One VM through every stage, each taking the given time, to online. */
    static void provisioned(ReconcileListener listener, MutableClock clock, String vm, Duration... stageTimes) {
        Stage[] stages = Stage.values();
        for (int i = 0; i < stageTimes.length; i++) {
            listener.stage(vm, stages[i]);
            clock.advance(stageTimes[i]);
        }
        listener.finished(new ProvisionOutcome.Online(new VmInfo(vm, "ci", "fleet-rg", VmInfo.PowerState.RUNNING,
                VmInfo.ProvisioningState.SUCCEEDED, T0), 7));
    }

    /** Something for every metric serve has, so each shows in a scrape. */
    static void ofEveryKind(ServeMetrics metrics, MutableClock clock) {
        ReconcileListener listener = metrics.listener();
        listener.poolFinished(reconciled("ci", List.of(RunnerClass.IDLE, RunnerClass.BUSY), new QueueSummary(3, 1),
                ScalingDecision.scaleUp(2, 1, List.of(), "3 queued"),
                List.of(action(ActionKind.CREATE, ActionResult.Result.DONE))));
        provisioned(listener, clock, "fleet-ci-00000001", Duration.ofSeconds(40), Duration.ofSeconds(30),
                Duration.ofSeconds(20), Duration.ofSeconds(5));
        metrics.webhookDelivery("queued");
        metrics.queueWait("ci", Duration.ofSeconds(95));
        metrics.billedAfterJob("ci", Duration.ofSeconds(12));
        metrics.error("webhook_body_too_large");
        metrics.gitHubRequests().answered(200, Optional.of(new RateLimit(5000, 4321, 679, T0, "core")));
        metrics.armRequests().answered(201);
    }
}
