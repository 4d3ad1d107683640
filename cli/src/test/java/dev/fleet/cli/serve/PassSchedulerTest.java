package dev.fleet.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.lifecycle.reconcile.PassReport;
import dev.fleet.lifecycle.reconcile.PoolReport;
import dev.fleet.lifecycle.reconcile.QueueSummary;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import dev.fleet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PassSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final GatedRunner runner = new GatedRunner();
    private final PassScheduler scheduler = new PassScheduler(runner, ReconcileListener.NONE, clock, 4);

    @AfterEach
    void tearDown() {
        runner.open();
        scheduler.close(Duration.ofSeconds(5));
    }

    @Test
    void requestsWhileAPoolsPassRunsCoalesceIntoOneMorePass() throws Exception {
        scheduler.request("ci", "first");
        runner.awaitStarted("ci", 1);
        for (int i = 0; i < 200; i++) {
            scheduler.request("ci", "burst " + i);
        }
        runner.open();

        runner.awaitFinished("ci", 2);
        Thread.sleep(200);
        assertThat(runner.passes("ci")).isEqualTo(2);
        assertThat(runner.mostAtOnce("ci")).isEqualTo(1);
    }

    @Test
    void passesOfDifferentPoolsRunAtOnce() throws Exception {
        scheduler.request("ci", "a");
        scheduler.request("gpu", "b");

        runner.awaitStarted("ci", 1);
        runner.awaitStarted("gpu", 1);
        assertThat(runner.finished("ci") + runner.finished("gpu")).isZero();
    }

    @Test
    void aPoolsLatestPassIsKeptWithWhenItFinished() throws Exception {
        runner.open();
        scheduler.request("ci", "a");
        runner.awaitFinished("ci", 1);
        awaitLatest("ci");

        LastPass last = scheduler.latest().get("ci");
        assertThat(last.finished()).isEqualTo(T0);
        assertThat(last.report().status()).isEqualTo(PoolReport.Status.RECONCILED);
    }

    @Test
    void thePeriodicPassGivingWayToThePoolsOwnRequestedPassDoesNotHideThatPassesReport() throws Exception {
        scheduler.request("ci", "a");
        runner.awaitStarted("ci", 1);
        runner.nextStatus.put("ci", PoolReport.Status.LOCKED);

        PassReport periodic = scheduler.passAll();

        assertThat(periodic.pools()).extracting(PoolReport::status).containsExactly(PoolReport.Status.LOCKED);
        assertThat(scheduler.latest()).doesNotContainKey("ci");
        runner.nextStatus.remove("ci");
        runner.open();
        runner.awaitFinished("ci", 1);
        awaitLatest("ci");
        assertThat(scheduler.latest().get("ci").report().status()).isEqualTo(PoolReport.Status.RECONCILED);
    }

    @Test
    void aPassThatThrowsFreesThePoolForTheNextRequest() throws Exception {
        runner.open();
        runner.failing.add("gone");
        scheduler.request("gone", "a");
        runner.awaitStarted("gone", 1);
        Thread.sleep(100);
        runner.failing.clear();

        scheduler.request("gone", "b");

        runner.awaitFinished("gone", 1);
        assertThat(runner.passes("gone")).isEqualTo(2);
    }

    @Test
    void closingLetsThePassUnderWayFinishAndStartsNoOther() throws Exception {
        scheduler.request("ci", "a");
        runner.awaitStarted("ci", 1);
        scheduler.request("ci", "queued behind it");
        Thread closer = new Thread(() -> scheduler.close(Duration.ofSeconds(20)));
        closer.start();
        Thread.sleep(100);
        scheduler.request("other", "after the stop");

        runner.open();
        closer.join();

        assertThat(runner.finished("ci")).isEqualTo(1);
        assertThat(runner.passes("ci")).isEqualTo(1);
        assertThat(runner.passes("other")).isZero();
    }

    @Test
    void closingInterruptsAPassThatOutlivesTheGrace() throws Exception {
        scheduler.request("ci", "a");
        runner.awaitStarted("ci", 1);

        scheduler.close(Duration.ofMillis(100));

        assertThat(runner.interrupted.get()).isEqualTo(1);
    }

    private void awaitLatest(String pool) throws InterruptedException {
        for (int i = 0; i < 100 && !scheduler.latest().containsKey(pool); i++) {
            Thread.sleep(20);
        }
    }

    /** A pass of one pool per call, held at a gate until the test opens it, counting what ran and how much at once. */
    private static final class GatedRunner implements PassRunner {
        final Map<String, PoolReport.Status> nextStatus = new ConcurrentHashMap<>();
        final List<String> failing = new CopyOnWriteArrayList<>();
        final AtomicInteger interrupted = new AtomicInteger();
        private final Map<String, AtomicInteger> started = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> done = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> most = new ConcurrentHashMap<>();
        private final CountDownLatch gate = new CountDownLatch(1);
        private final Semaphore news = new Semaphore(0);

        @Override
        public PassReport run(Optional<String> pool, ReconcileListener listener) {
            String name = pool.orElse("ci");
            PoolReport.Status status = nextStatus.get(name);
            if (pool.isEmpty() && status == PoolReport.Status.LOCKED) {
                return report(name, status, listener);
            }
            count(started, name);
            int now = count(running, name);
            most.computeIfAbsent(name, key -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            news.release();
            try {
                if (failing.contains(name)) {
                    throw new IllegalArgumentException("the config has no pool named " + name);
                }
                if (!gate.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
                PassReport report = report(name, PoolReport.Status.RECONCILED, listener);
                count(done, name);
                return report;
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            } finally {
                running.get(name).decrementAndGet();
                news.release();
            }
        }

        private static PassReport report(String pool, PoolReport.Status status, ReconcileListener listener) {
            PoolReport report = new PoolReport(pool, status, Optional.empty(), new QueueSummary(0, 0), List.of(),
                    List.of(), List.of());
            listener.poolFinished(report);
            return new PassReport("p", T0, T0, List.of(report), List.of());
        }

        private static int count(Map<String, AtomicInteger> counts, String pool) {
            return counts.computeIfAbsent(pool, key -> new AtomicInteger()).incrementAndGet();
        }

        void open() {
            gate.countDown();
        }

        int passes(String pool) {
            return started.getOrDefault(pool, new AtomicInteger()).get();
        }

        int finished(String pool) {
            return done.getOrDefault(pool, new AtomicInteger()).get();
        }

        int mostAtOnce(String pool) {
            return most.getOrDefault(pool, new AtomicInteger()).get();
        }

        void awaitStarted(String pool, int count) throws InterruptedException {
            await(() -> passes(pool) >= count);
        }

        void awaitFinished(String pool, int count) throws InterruptedException {
            await(() -> finished(pool) >= count);
        }

        private void await(BooleanSupplier condition) throws InterruptedException {
            while (!condition.getAsBoolean()) {
                if (!news.tryAcquire(20, TimeUnit.SECONDS)) {
                    throw new AssertionError("waited 20 s for passes that did not come");
                }
            }
        }
    }
}
