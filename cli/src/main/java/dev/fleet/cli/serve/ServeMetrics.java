package dev.fleet.cli.serve;

import com.sun.net.httpserver.HttpHandler;
import dev.fleet.autoscaler.ScalingDecision;
import dev.fleet.github.GitHubRequestListener;
import dev.fleet.github.RateLimit;
import dev.fleet.lifecycle.ProvisionOutcome;
import dev.fleet.lifecycle.azure.ArmRequestListener;
import dev.fleet.lifecycle.plan.RunnerClass;
import dev.fleet.lifecycle.reconcile.ActionResult;
import dev.fleet.lifecycle.reconcile.PoolReport;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import dev.fleet.lifecycle.reconcile.RunnerView;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code fleet serve}'s Prometheus metrics, in a registry of their own (not the client's global default, so two
 * instances, e.g. two tests, never share counts), served in the text formats by {@link #handler()}. Passes report
 * through {@link #listener()}; GitHub and ARM requests through {@link #gitHubRequests()} and {@link #armRequests()};
 * webhook and serve code through the methods below. Every label is bounded: pools, states, kinds and status classes,
 * never a runner's name or a job's id. Thread-safe.
 */
public final class ServeMetrics {
    /** A VM's stages take seconds (ARM, the install) to minutes (a slow boot, a runner that is late online). */
    private static final double[] PROVISION_BUCKETS = {1, 2, 5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600, 1200};
    /** A job waits a boot when all goes well, an interval more when a delivery was missed, hours at a pool's cap. */
    private static final double[] QUEUE_WAIT_BUCKETS = {1, 5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600, 1800, 3600,
        10800};
    /** A finished runner's VM is billed until it is deleted: at the completed delivery, or at the next pass. */
    private static final double[] BILLED_BUCKETS = {1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600};
    /** What callers may name a result or a kind: a short lowercase word, so no id or name becomes a label. */
    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final String NO_ANSWER = "no_answer";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Clock clock;
    private final Gauge runners;
    private final Gauge queuedJobs;
    private final Gauge jobsInProgress;
    private final Counter passes;
    private final Counter decisions;
    private final Counter actions;
    private final Histogram provisionSeconds;
    private final Counter provisions;
    private final Counter webhookDeliveries;
    private final Histogram queueWait;
    private final Histogram billedAfterJob;
    private final Counter errors;
    private final Counter gitHubRequests;
    private final Gauge gitHubRateLimitRemaining;
    private final Counter armRequests;
    /** Each VM being provisioned: the stage it is in, and since when. */
    private final Map<String, StageStart> stages = new ConcurrentHashMap<>();
    private final HttpHandler handler;

    /** @param clock times the provisioning stages */
    public ServeMetrics(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        runners = Gauge.builder().name("fleet_runners")
                .help("Runners of a pool by state, as its latest pass observed them before acting")
                .labelNames("pool", "state").register(registry);
        queuedJobs = Gauge.builder().name("fleet_queued_jobs")
                .help("Jobs waiting for a runner of the pool, as its latest pass read the queue")
                .labelNames("pool").register(registry);
        jobsInProgress = Gauge.builder().name("fleet_jobs_in_progress")
                .help("Jobs of the pool running, as its latest pass read the queue")
                .labelNames("pool").register(registry);
        passes = Counter.builder().name("fleet_passes")
                .help("Passes over a pool by outcome: reconciled, dry_run, locked (another process held it), failed")
                .labelNames("pool", "outcome").register(registry);
        decisions = Counter.builder().name("fleet_decisions")
                .help("Scaling decisions of a pool's passes: scale_up, scale_down, maintain")
                .labelNames("pool", "decision").register(registry);
        actions = Counter.builder().name("fleet_actions")
                .help("Actions of a pool's passes by kind and by how they went")
                .labelNames("pool", "action", "result").register(registry);
        provisionSeconds = Histogram.builder().name("fleet_provision_seconds")
                .help("Time a VM's provisioning stage took, of stages that completed: arm_create, ssh_reachable "
                        + "(boot until fleet's SSH login), install (the install script), online (until GitHub "
                        + "lists the runner online)")
                .labelNames("stage").classicOnly().classicUpperBounds(PROVISION_BUCKETS).register(registry);
        provisions = Counter.builder().name("fleet_provisions")
                .help("VMs provisioned by outcome: online, create_failed, install_failed, not_online")
                .labelNames("outcome").register(registry);
        webhookDeliveries = Counter.builder().name("fleet_webhook_deliveries")
                .help("GitHub webhook deliveries by result")
                .labelNames("result").register(registry);
        queueWait = Histogram.builder().name("fleet_job_queue_wait_seconds")
                .help("From a job queued to a runner taking it, as its webhook deliveries tell")
                .labelNames("pool").classicOnly().classicUpperBounds(QUEUE_WAIT_BUCKETS).register(registry);
        billedAfterJob = Histogram.builder().name("fleet_vm_billed_after_job_seconds")
                .help("VM time billed after the VM's job ended, until the VM was deleted")
                .labelNames("pool").classicOnly().classicUpperBounds(BILLED_BUCKETS).register(registry);
        errors = Counter.builder().name("fleet_errors")
                .help("Errors of serve by kind")
                .labelNames("kind").register(registry);
        gitHubRequests = Counter.builder().name("fleet_github_requests")
                .help("Requests to GitHub's REST API by status class (2xx..5xx, no_answer), every retry included")
                .labelNames("status").register(registry);
        gitHubRateLimitRemaining = Gauge.builder().name("fleet_github_rate_limit_remaining")
                .help("Requests left in GitHub's rate-limit window, from the latest answer of each resource")
                .labelNames("resource").register(registry);
        armRequests = Counter.builder().name("fleet_arm_requests")
                .help("Requests to Azure Resource Manager by status class (2xx..5xx, no_answer), every retry included")
                .labelNames("status").register(registry);
        JvmMetrics.builder().register(registry);
        handler = new MetricsHandler(registry);
    }

    /** Hears every pass and every VM it provisions; give it to each pass the scheduler runs. */
    public ReconcileListener listener() {
        return new PassListener();
    }

    /** Counts GitHub's answers by status class and keeps the rate limit left; give it to the GitHub client. */
    public GitHubRequestListener gitHubRequests() {
        return new GitHubRequestListener() {
            @Override
            public void answered(int status, Optional<RateLimit> rateLimit) {
                gitHubRequests.labelValues(statusClass(status)).inc();
                rateLimit.ifPresent(limit -> gitHubRateLimitRemaining.labelValues(resource(limit))
                        .set(limit.remaining()));
            }

            @Override
            public void unanswered() {
                gitHubRequests.labelValues(NO_ANSWER).inc();
            }
        };
    }

    /** Counts ARM's answers by status class; give it to the Azure factory. */
    public ArmRequestListener armRequests() {
        return new ArmRequestListener() {
            @Override
            public void answered(int status) {
                armRequests.labelValues(statusClass(status)).inc();
            }

            @Override
            public void unanswered() {
                armRequests.labelValues(NO_ANSWER).inc();
            }
        };
    }

    /** A webhook delivery and what came of it, e.g. {@code queued}, {@code duplicate}, {@code bad_signature}. */
    public void webhookDelivery(String result) {
        webhookDeliveries.labelValues(word("webhook result", result)).inc();
    }

    /** How long a job of the pool waited for its runner; a negative wait (clocks apart) counts as none. */
    public void queueWait(String pool, Duration waited) {
        queueWait.labelValues(Objects.requireNonNull(pool, "pool")).observe(seconds(waited));
    }

    /** How long a VM of the pool was billed after its job ended, until it was deleted. */
    public void billedAfterJob(String pool, Duration billed) {
        billedAfterJob.labelValues(Objects.requireNonNull(pool, "pool")).observe(seconds(billed));
    }

    /** An error of serve, by kind, e.g. {@code webhook_body_too_large}. */
    public void error(String kind) {
        errors.labelValues(word("error kind", kind)).inc();
    }

    /** The metrics in the Prometheus text format, or OpenMetrics when the scraper asks for it. */
    public HttpHandler handler() {
        return handler;
    }

    private static String word(String what, String value) {
        if (value == null || !WORD.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a lowercase word of at most 40 letters, digits "
                    + "and _, not " + value);
        }
        return value;
    }

    private static String statusClass(int status) {
        return status >= 100 && status < 600 ? status / 100 + "xx" : "other";
    }

    /** GitHub names a handful of resources (core, search, graphql...); anything else is not trusted as a label. */
    private static String resource(RateLimit limit) {
        String resource = limit.resource();
        return resource != null && WORD.matcher(resource).matches() ? resource : "other";
    }

    private static double seconds(Duration duration) {
        return Math.max(0, duration.toNanos() / 1e9);
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private final class PassListener implements ReconcileListener {
        @Override
        public void poolFinished(PoolReport report) {
            String pool = report.pool();
            passes.labelValues(pool, label(report.status())).inc();
            report.decision().map(ScalingDecision::action)
                    .ifPresent(action -> decisions.labelValues(pool, label(action)).inc());
            for (ActionResult action : report.actions()) {
                actions.labelValues(pool, label(action.kind()), label(action.result())).inc();
            }
            if (observed(report)) {
                Map<RunnerClass, Long> byState = report.runners().stream()
                        .collect(Collectors.groupingBy(RunnerView::state, Collectors.counting()));
                for (RunnerClass state : RunnerClass.values()) {
                    runners.labelValues(pool, label(state)).set(byState.getOrDefault(state, 0L));
                }
                queuedJobs.labelValues(pool).set(report.queue().queued());
                jobsInProgress.labelValues(pool).set(report.queue().inProgress());
            }
        }

        @Override
        public void stage(String vmName, Stage stage) {
            Instant now = clock.instant();
            StageStart previous = stages.put(vmName, new StageStart(stage, now));
            if (previous != null) {
                ended(previous, now);
            }
        }

        /** A VM's stages follow one another on the thread that provisions it, so each start is its own. */
        private void ended(StageStart stage, Instant end) {
            provisionSeconds.labelValues(stageLabel(stage.stage())).observe(seconds(Duration.between(stage.since(),
                    end)));
        }

        @Override
        public void finished(ProvisionOutcome outcome) {
            StageStart last = stages.remove(outcome.vmName());
            if (last != null && outcome.status() == ProvisionOutcome.Status.ONLINE) {
                ended(last, clock.instant());
            }
            provisions.labelValues(label(outcome.status())).inc();
        }
    }

    /**
     * A pass that was skipped (locked) or failed before it looked says nothing of the pool's runners and queue: the
     * gauges keep what the pass before saw rather than drop to zero.
     */
    private static boolean observed(PoolReport report) {
        return report.status() != PoolReport.Status.LOCKED
                && !(report.status() == PoolReport.Status.FAILED && report.decision().isEmpty()
                && report.runners().isEmpty() && report.actions().isEmpty());
    }

    /** The stage a VM entered, and when. */
    private record StageStart(ReconcileListener.Stage stage, Instant since) {
    }

    /** The stage label: what the stage waits for, as the issue names the provisioning steps. */
    private static String stageLabel(ReconcileListener.Stage stage) {
        return switch (stage) {
            case CREATING -> "arm_create";
            case BOOTING -> "ssh_reachable";
            case INSTALLING -> "install";
            case WAITING_FOR_ONLINE -> "online";
        };
    }
}
