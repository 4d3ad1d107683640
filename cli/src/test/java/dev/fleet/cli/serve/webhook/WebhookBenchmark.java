package dev.fleet.cli.serve.webhook;

import ch.qos.logback.classic.Level;
import dev.fleet.cli.serve.PassRunner;
import dev.fleet.cli.serve.PassScheduler;
import dev.fleet.cli.serve.RunnerRemoval;
import dev.fleet.config.AzureSettings;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.GitHubSettings;
import dev.fleet.config.PoolConfig;
import dev.fleet.config.ScalingSettings;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.Provisioning;
import dev.fleet.lifecycle.ProvisioningSettings;
import dev.fleet.lifecycle.World;
import dev.fleet.lifecycle.azure.SlowArm;
import dev.fleet.lifecycle.azure.VmProvider;
import dev.fleet.lifecycle.plan.ReconcileSettings;
import dev.fleet.lifecycle.reconcile.FakeJobQueue;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import dev.fleet.lifecycle.reconcile.ReconcileRequest;
import dev.fleet.lifecycle.reconcile.Reconciler;
import dev.fleet.lifecycle.reconcile.RunnerRemover;
import dev.fleet.lifecycle.reconcile.StateFolder;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How soon a delivery reaches Azure: from a signed {@code queued} delivery posted to {@code /webhook} to the first ARM
 * PUT of the pass it asks for, and from a {@code completed} one to the DELETE of its runner's VM. Everything of
 * {@code serve} is real (HTTP server, handler, dedupe, pass scheduler, reconciler with its observe, plan and execute,
 * provisioning, the Azure provider and SDK over HTTPS) against stubs that answer at once: ARM on WireMock
 * ({@link SlowArm} with no latency), GitHub, the queue and the installer in memory. So the figures are fleet's own
 * time; a real ARM and GitHub add their latency to each call the pass makes before its PUT (the VM list, the runner
 * list, the queue). Deliveries go one at a time, each once the previous one's pass or removal is done, so none
 * coalesces. Not a test, since the figures depend on the machine: {@code mvn -B -q -pl cli -am -Pbench test-compile}.
 */
public final class WebhookBenchmark {
    private static final int DELIVERIES = 1_000;
    private static final int WARM_UP = 50;
    private static final String POOL = "ci";
    private static final String RUNNER = "fleet-ci-abcd1234";
    private static final List<String> CIDRS = List.of("203.0.113.0/24");
    private static final int SSH_PORT = 22;

    private final SlowArm arm = new SlowArm(POOL, CIDRS, SSH_PORT, Duration.ZERO);
    private final LinkedBlockingQueue<Long> puts = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Long> deletes = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Long> passStarts = new LinkedBlockingQueue<>();
    private final Semaphore passes = new Semaphore(0);
    private final Semaphore removals = new Semaphore(0);

    private WebhookBenchmark() {
        arm.onRequest(call -> {
            long now = System.nanoTime();
            if (call.startsWith("PUT ")) {
                puts.add(now);
            } else if (call.startsWith("DELETE ") && call.endsWith("/virtualMachines/" + RUNNER)) {
                deletes.add(now);
            }
        });
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        WebhookBenchmark benchmark = new WebhookBenchmark();
        try {
            benchmark.run();
        } finally {
            benchmark.arm.close();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        World world = new World();
        FakeJobQueue queue = new FakeJobQueue();
        VmProvider vms = arm.provider();
        Provisioning provisioning = new Provisioning(vms, world.installer, world.github, world.clock, duration -> { },
                ProvisioningSettings.DEFAULTS);
        StateFolder state = new StateFolder(Files.createTempDirectory("fleet-webhook-bench"));
        Reconciler reconciler = new Reconciler(vms, world.github, queue, provisioning, state, world.clock,
                ReconcileSettings.DEFAULTS);
        FleetConfig config = config();
        PassRunner passRunner = (pool, listener) -> {
            passStarts.add(System.nanoTime());
            try {
                return reconciler.reconcile(config, new ReconcileRequest(pool, false, false, Duration.ofSeconds(10)),
                        listener);
            } finally {
                passes.release();
            }
        };
        RunnerRemover remover = new RunnerRemover(vms, world.github, provisioning, state);
        RunnerRemoval removal = (runner, force) -> {
            RunnerRemover.Removed removed = remover.remove(config, runner, force);
            return new RunnerRemoval.Removal(RunnerRemoval.Status.valueOf(removed.status().name()), removed.pool(),
                    removed.message());
        };
        WebhookListener removed = new WebhookListener() {
            @Override
            public void billedAfterJob(String pool, Duration billed) {
                removals.release();
            }
        };
        PassScheduler scheduler = new PassScheduler(passRunner, ReconcileListener.NONE, Clock.systemUTC(), 4);
        Deliveries deliveries = new Deliveries(scheduler, removal, config::pools, removed, Clock.systemUTC());
        try (WebhookServer server = new WebhookServer(Optional.of(WebhookServer.SIGNATURE), deliveries)) {
            List<List<Long>> toPut = queuedToFirstPut(server, world, queue);
            arm.lists(RUNNER);
            List<Long> toDelete = completedToDelete(server);
            System.out.printf("webhook: %d deliveries each (after %d to warm up), ARM and GitHub stubs answering at "
                    + "once%n", DELIVERIES, WARM_UP);
            print("queued -> first ARM PUT of its pool's pass", toPut.get(0));
            print("  of which: queued -> its pass started", toPut.get(1));
            print("completed -> DELETE of its runner's VM", toDelete);
        } finally {
            scheduler.close(Duration.ofSeconds(30));
            deliveries.close(Duration.ofSeconds(30));
        }
    }

    /** Each round a job's delivery and the PUT; then the runner goes, so that the next pass makes one again. */
    private List<List<Long>> queuedToFirstPut(WebhookServer server, World world, FakeJobQueue queue)
            throws Exception {
        queue.queued(POOL, 1);
        return rounds(server, Payloads.job("queued", List.of("self-hosted", "gpu"), null), passes,
                () -> world.github.all().forEach(runner ->
                        world.github.deleteRunner(RunnerScope.repository(Payloads.REPO), runner.id())),
                List.of(puts, passStarts));
    }

    private List<Long> completedToDelete(WebhookServer server) throws Exception {
        return rounds(server, Payloads.job("completed", List.of("self-hosted", "gpu"), RUNNER), removals, () -> { },
                List.of(deletes)).get(0);
    }

    /**
     * Posts {@code body} once a round, each once {@code done} says the previous one's work ended, and returns for each
     * of {@code arrivals} the microseconds from each post to the next time it took.
     */
    private List<List<Long>> rounds(WebhookServer server, byte[] body, Semaphore done, Runnable afterEach,
                                    List<LinkedBlockingQueue<Long>> arrivals) throws InterruptedException {
        List<List<Long>> micros = new ArrayList<>();
        for (int i = 0; i < arrivals.size(); i++) {
            micros.add(new ArrayList<>());
        }
        for (int round = 0; round < WARM_UP + DELIVERIES; round++) {
            arrivals.forEach(LinkedBlockingQueue::clear);
            long sent = System.nanoTime();
            expect(202, server.deliver("workflow_job", body));
            for (int i = 0; i < arrivals.size(); i++) {
                Long arrived = arrivals.get(i).poll(30, TimeUnit.SECONDS);
                if (arrived == null) {
                    throw new IllegalStateException("round " + round + ": nothing arrived within 30 s");
                }
                if (round >= WARM_UP) {
                    micros.get(i).add(TimeUnit.NANOSECONDS.toMicros(arrived - sent));
                }
            }
            if (!done.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("round " + round + ": its work did not end within 30 s");
            }
            afterEach.run();
        }
        return micros;
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static void print(String what, List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf("  %-44s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n", what, rank(sorted, 0.50) / 1000.0,
                rank(sorted, 0.99) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
    }

    /** The nearest-rank percentile. */
    private static long rank(List<Long> sorted, double percentile) {
        return sorted.get((int) Math.ceil(percentile * sorted.size()) - 1);
    }

    /** Pool ci of octo/app in the stub's subscription and group, as many runners as jobs, no cooldown. */
    private static FleetConfig config() {
        AzureSettings azure = new AzureSettings(null, null, null, "00000000-0000-0000-0000-0000000000aa", "fleet-rg",
                "westeurope", null, null, "runner", SSH_PORT, CIDRS, null);
        ScalingSettings scaling = new ScalingSettings(null, 0, 10_000, null, null, null, Duration.ZERO, null, null,
                null);
        PoolConfig pool = new PoolConfig(POOL, Payloads.REPO, null, null, List.of("gpu"), null, null, scaling,
                PoolConfig.Registration.TOKEN, null, null, null, null, null);
        return new FleetConfig(null, new GitHubSettings(null, null, null), azure, List.of(pool));
    }
}
