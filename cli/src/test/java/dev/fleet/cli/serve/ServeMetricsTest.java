package dev.fleet.cli.serve;

import static dev.fleet.cli.serve.ExpositionParser.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.autoscaler.ScalingDecision;
import dev.fleet.cli.serve.ExpositionParser.Family;
import dev.fleet.cli.serve.ExpositionParser.Format;
import dev.fleet.github.RateLimit;
import dev.fleet.lifecycle.ProvisionListener.Stage;
import dev.fleet.lifecycle.ProvisionOutcome;
import dev.fleet.lifecycle.plan.ActionKind;
import dev.fleet.lifecycle.plan.RunnerClass;
import dev.fleet.lifecycle.reconcile.ActionResult;
import dev.fleet.lifecycle.reconcile.PoolReport;
import dev.fleet.lifecycle.reconcile.QueueSummary;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import dev.fleet.testing.MutableClock;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** serve's metrics as Prometheus scrapes them: over HTTP from serve's server, read back by Prometheus's own parser. */
class ServeMetricsTest {
    private final MutableClock clock = new MutableClock(Traffic.T0);
    private final ServeMetrics metrics = new ServeMetrics(clock);
    private ServerTesting server;

    @BeforeEach
    void start() throws IOException {
        server = MetricsScrape.serving(metrics);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<Family> scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = MetricsScrape.scrape(server, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return ExpositionParser.parse(Format.TEXT, response.body());
    }

    @Test
    void aPassTellsTheRunnersByStateTheQueueTheDecisionAndTheActionsOfItsPool() throws Exception {
        metrics.listener().poolFinished(Traffic.reconciled("ci",
                List.of(RunnerClass.IDLE, RunnerClass.IDLE, RunnerClass.BUSY, RunnerClass.FINISHED),
                new QueueSummary(4, 1), ScalingDecision.scaleUp(3, 2, List.of(), "4 queued"),
                List.of(Traffic.action(ActionKind.CREATE, ActionResult.Result.DONE),
                        Traffic.action(ActionKind.CREATE, ActionResult.Result.DONE),
                        Traffic.action(ActionKind.REAP_VM, ActionResult.Result.FAILED))));

        List<Family> scrape = scrape();

        assertThat(value(scrape, "fleet_runners", Map.of("pool", "ci", "state", "idle"))).isEqualTo(2);
        assertThat(value(scrape, "fleet_runners", Map.of("pool", "ci", "state", "busy"))).isEqualTo(1);
        assertThat(value(scrape, "fleet_runners", Map.of("pool", "ci", "state", "finished"))).isEqualTo(1);
        assertThat(value(scrape, "fleet_runners", Map.of("pool", "ci", "state", "provisioning"))).isZero();
        assertThat(value(scrape, "fleet_queued_jobs", Map.of("pool", "ci"))).isEqualTo(4);
        assertThat(value(scrape, "fleet_jobs_in_progress", Map.of("pool", "ci"))).isEqualTo(1);
        assertThat(value(scrape, "fleet_passes_total", Map.of("pool", "ci", "outcome", "reconciled"))).isEqualTo(1);
        assertThat(value(scrape, "fleet_decisions_total", Map.of("pool", "ci", "decision", "scale_up"))).isEqualTo(1);
        assertThat(value(scrape, "fleet_actions_total", Map.of("pool", "ci", "action", "create", "result", "done")))
                .isEqualTo(2);
        assertThat(value(scrape, "fleet_actions_total", Map.of("pool", "ci", "action", "reap_vm", "result", "failed")))
                .isEqualTo(1);
        assertThat(scrape).filteredOn(family -> family.name().equals("fleet_runners"))
                .singleElement().satisfies(family -> assertThat(family.type()).isEqualTo("gauge"));
    }

    @Test
    void aPassThatSawNothingLeavesTheGaugesAsThePassBeforeSetThem() throws Exception {
        ReconcileListener listener = metrics.listener();
        listener.poolFinished(Traffic.reconciled("ci", List.of(RunnerClass.BUSY), new QueueSummary(2, 1),
                ScalingDecision.maintain(1, List.of(), "covered"), List.of()));
        listener.poolFinished(new PoolReport("ci", PoolReport.Status.LOCKED, Optional.empty(),
                new QueueSummary(0, 0), List.of(), List.of(), List.of("another fleet process holds pool ci")));
        listener.poolFinished(new PoolReport("ci", PoolReport.Status.FAILED, Optional.empty(),
                new QueueSummary(0, 0), List.of(), List.of(), List.of("GitHub: 502")));

        List<Family> scrape = scrape();

        assertThat(value(scrape, "fleet_runners", Map.of("pool", "ci", "state", "busy"))).isEqualTo(1);
        assertThat(value(scrape, "fleet_queued_jobs", Map.of("pool", "ci"))).isEqualTo(2);
        assertThat(value(scrape, "fleet_passes_total", Map.of("pool", "ci", "outcome", "locked"))).isEqualTo(1);
        assertThat(value(scrape, "fleet_passes_total", Map.of("pool", "ci", "outcome", "failed"))).isEqualTo(1);
        assertThat(value(scrape, "fleet_decisions_total", Map.of("pool", "ci", "decision", "maintain"))).isEqualTo(1);
    }

    @Test
    void eachProvisioningStageIsTimedFromItsStartToTheNext() throws Exception {
        Traffic.provisioned(metrics.listener(), clock, "fleet-ci-00000001", Duration.ofSeconds(40),
                Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(5));

        List<Family> scrape = scrape();

        assertThat(value(scrape, "fleet_provision_seconds_sum", Map.of("stage", "arm_create"))).isEqualTo(40);
        assertThat(value(scrape, "fleet_provision_seconds_sum", Map.of("stage", "ssh_reachable"))).isEqualTo(30);
        assertThat(value(scrape, "fleet_provision_seconds_sum", Map.of("stage", "install"))).isEqualTo(20);
        assertThat(value(scrape, "fleet_provision_seconds_sum", Map.of("stage", "online"))).isEqualTo(5);
        assertThat(value(scrape, "fleet_provision_seconds_bucket", Map.of("stage", "arm_create", "le", "30.0")))
                .isZero();
        assertThat(value(scrape, "fleet_provision_seconds_bucket", Map.of("stage", "arm_create", "le", "45.0")))
                .isEqualTo(1);
        assertThat(value(scrape, "fleet_provisions_total", Map.of("outcome", "online"))).isEqualTo(1);
    }

    @Test
    void aStageThatFailedIsNotTimedButTheOutcomeIsCounted() throws Exception {
        ReconcileListener listener = metrics.listener();
        listener.stage("fleet-ci-00000002", Stage.CREATING);
        clock.advance(Duration.ofSeconds(50));
        listener.stage("fleet-ci-00000002", Stage.BOOTING);
        clock.advance(Duration.ofSeconds(300));
        listener.finished(new ProvisionOutcome.InstallFailed("fleet-ci-00000002", "no SSH login", List.of()));

        List<Family> scrape = scrape();

        assertThat(value(scrape, "fleet_provision_seconds_count", Map.of("stage", "arm_create"))).isEqualTo(1);
        assertThat(ExpositionParser.samples(scrape)).noneMatch(sample ->
                "ssh_reachable".equals(sample.labels().get("stage")));
        assertThat(value(scrape, "fleet_provisions_total", Map.of("outcome", "install_failed"))).isEqualTo(1);
    }

    @Test
    void webhookDeliveriesQueueWaitsBilledTimeAndErrorsAreCountedByTheirLabels() throws Exception {
        metrics.webhookDelivery("queued");
        metrics.webhookDelivery("queued");
        metrics.webhookDelivery("bad_signature");
        metrics.queueWait("ci", Duration.ofSeconds(95));
        metrics.queueWait("ci", Duration.ofSeconds(-2));
        metrics.billedAfterJob("ci", Duration.ofMillis(12_500));
        metrics.error("webhook_body_too_large");

        List<Family> scrape = scrape();

        assertThat(value(scrape, "fleet_webhook_deliveries_total", Map.of("result", "queued"))).isEqualTo(2);
        assertThat(value(scrape, "fleet_webhook_deliveries_total", Map.of("result", "bad_signature"))).isEqualTo(1);
        assertThat(value(scrape, "fleet_job_queue_wait_seconds_count", Map.of("pool", "ci"))).isEqualTo(2);
        assertThat(value(scrape, "fleet_job_queue_wait_seconds_sum", Map.of("pool", "ci"))).isEqualTo(95);
        assertThat(value(scrape, "fleet_vm_billed_after_job_seconds_sum", Map.of("pool", "ci"))).isEqualTo(12.5);
        assertThat(value(scrape, "fleet_errors_total", Map.of("kind", "webhook_body_too_large"))).isEqualTo(1);
    }

    /* A delivery id, a job id or a runner's name as a label would make a new series each time. */
    @Test
    void aResultOrKindThatIsNotAShortLowercaseWordIsRefused() {
        assertThatThrownBy(() -> metrics.webhookDelivery("72d3162e-cc78-11e3-81ab-4c9367dc0958"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webhook result");
        assertThatThrownBy(() -> metrics.error("job 123")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("error kind");
        assertThatThrownBy(() -> metrics.error(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gitHubAndArmAnswersAreCountedByStatusClassAndTheRateLimitLeftIsKept() throws Exception {
        metrics.gitHubRequests().answered(200, Optional.of(new RateLimit(5000, 4999, 1, Traffic.T0, "core")));
        metrics.gitHubRequests().answered(304, Optional.of(new RateLimit(5000, 4321, 679, Traffic.T0, "core")));
        metrics.gitHubRequests().answered(502, Optional.empty());
        metrics.gitHubRequests().unanswered();
        metrics.gitHubRequests().answered(200, Optional.of(new RateLimit(30, 29, 1, Traffic.T0, "Search!")));
        metrics.armRequests().answered(201);
        metrics.armRequests().answered(429);
        metrics.armRequests().unanswered();

        List<Family> scrape = scrape();

        assertThat(value(scrape, "fleet_github_requests_total", Map.of("status", "2xx"))).isEqualTo(2);
        assertThat(value(scrape, "fleet_github_requests_total", Map.of("status", "3xx"))).isEqualTo(1);
        assertThat(value(scrape, "fleet_github_requests_total", Map.of("status", "5xx"))).isEqualTo(1);
        assertThat(value(scrape, "fleet_github_requests_total", Map.of("status", "no_answer"))).isEqualTo(1);
        assertThat(value(scrape, "fleet_github_rate_limit_remaining", Map.of("resource", "core"))).isEqualTo(4321);
        assertThat(value(scrape, "fleet_github_rate_limit_remaining", Map.of("resource", "other"))).isEqualTo(29);
        assertThat(value(scrape, "fleet_arm_requests_total", Map.of("status", "2xx"))).isEqualTo(1);
        assertThat(value(scrape, "fleet_arm_requests_total", Map.of("status", "4xx"))).isEqualTo(1);
        assertThat(value(scrape, "fleet_arm_requests_total", Map.of("status", "no_answer"))).isEqualTo(1);
    }

    @Test
    void aScraperThatAsksNothingGetsTheTextFormatWithTheJvmsOwnMetrics() throws Exception {
        Traffic.ofEveryKind(metrics, clock);

        HttpResponse<String> response = MetricsScrape.scrape(server, null);

        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(ExpositionParser.parse(Format.TEXT, response.body())).extracting(Family::name)
                .contains("fleet_runners", "fleet_provision_seconds", "jvm_memory_used_bytes");
    }

    @Test
    void prometheusAskingForOpenMetricsGetsIt() throws Exception {
        Traffic.ofEveryKind(metrics, clock);

        HttpResponse<String> response = MetricsScrape.scrape(server, MetricsScrape.PROMETHEUS_ACCEPT);

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/openmetrics-text"));
        List<Family> scrape = ExpositionParser.parse(Format.OPENMETRICS, response.body());
        assertThat(value(scrape, "fleet_provision_seconds_sum", Map.of("stage", "arm_create"))).isEqualTo(40);
        assertThat(scrape).filteredOn(family -> family.name().equals("fleet_actions"))
                .singleElement().satisfies(family -> assertThat(family.type()).isEqualTo("counter"));
    }

    @Test
    void twoInstancesKeepTheirOwnCounts() throws Exception {
        metrics.error("first");
        ServeMetrics other = new ServeMetrics(clock);

        try (ServerTesting otherServer = MetricsScrape.serving(other)) {
            assertThat(MetricsScrape.scrape(otherServer, null).body()).doesNotContain("fleet_errors_total{");
        }
        assertThat(value(scrape(), "fleet_errors_total", Map.of("kind", "first"))).isEqualTo(1);
    }
}
