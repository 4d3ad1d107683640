package dev.fleet.cli.serve.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.serve.PassRunner;
import dev.fleet.cli.serve.PassScheduler;
import dev.fleet.lifecycle.reconcile.PassReport;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import dev.fleet.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A burst of deliveries for one pool, through the real pass scheduler: a few passes, never two at once. */
class DeliveryBurstTest {
    private static final int BURST = 200;

    /** Records how many passes of the pool ran, and the most that ran at once; the first waits for the burst. */
    private static final class OverlapRecorder implements PassRunner {
        final AtomicInteger passes = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final CountDownLatch burstAnswered = new CountDownLatch(1);
        final CountDownLatch secondPassDone = new CountDownLatch(1);
        final List<Optional<String>> pools = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public PassReport run(Optional<String> pool, ReconcileListener listener) {
            pools.add(pool);
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            int pass = passes.incrementAndGet();
            try {
                if (pass == 1) {
                    burstAnswered.await(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
                if (pass == 2) {
                    secondPassDone.countDown();
                }
            }
            return new PassReport("p", java.time.Instant.EPOCH, java.time.Instant.EPOCH, List.of(), List.of());
        }
    }

    @Test
    void twoHundredQueuedDeliveriesWhileAPassRunsMakeOneMorePassAndNeverTwoAtOnce() throws Exception {
        OverlapRecorder runner = new OverlapRecorder();
        MutableClock clock = new MutableClock();
        PassScheduler scheduler = new PassScheduler(runner, ReconcileListener.NONE, clock, 4);
        Recorded recorded = new Recorded();
        Deliveries deliveries = new Deliveries(scheduler, recorded, () -> List.of(WebhookHandlerTest.pool("ci", "gpu")),
                recorded, clock);
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (WebhookServer server = new WebhookServer(Optional.of(WebhookServer.SIGNATURE), deliveries)) {
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            byte[] body = Payloads.job("queued", List.of("self-hosted", "gpu"), null);
            String signature = WebhookServer.SIGNATURE.sign(body);
            for (int i = 0; i < BURST; i++) {
                String guid = UUID.randomUUID().toString();
                sent.add(CompletableFuture.supplyAsync(() -> server.deliver(guid, "workflow_job", body, signature)));
            }
            // Every delivery is answered while the first pass still runs: none waits for a pass.
            for (CompletableFuture<HttpResponse<String>> answer : sent) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
            runner.burstAnswered.countDown();
            // The requests that came while the first pass ran are answered by one pass after it; a stopping
            // scheduler would start none, so the test waits for it before stopping.
            assertThat(runner.secondPassDone.await(30, TimeUnit.SECONDS)).isTrue();
            scheduler.close(Duration.ofSeconds(30));
        } finally {
            deliveries.close(Duration.ofSeconds(5));
        }

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(202).hasSize(BURST);
        assertThat(recorded.results).containsOnly(DeliveryResult.ACCEPTED).hasSize(BURST);
        assertThat(runner.passes).hasValue(2);
        assertThat(runner.mostAtOnce).hasValue(1);
        assertThat(runner.pools).containsOnly(Optional.of("ci"));
    }
}
