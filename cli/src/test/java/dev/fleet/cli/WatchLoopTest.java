package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class WatchLoopTest {

    @Test
    void runsPassAfterPassUntilStoppedDuringTheWait() throws Exception {
        WatchLoop loop = new WatchLoop(Duration.ofMillis(1), Duration.ofMinutes(1));
        AtomicInteger passes = new AtomicInteger();
        boolean ok = loop.run(() -> {
            if (passes.incrementAndGet() == 3) {
                CompletableFuture.runAsync(loop::stop);
            }
            return true;
        });
        assertThat(ok).isTrue();
        assertThat(passes.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aStopDuringALongWaitEndsTheLoopWithoutAnotherPass() throws Exception {
        WatchLoop loop = new WatchLoop(Duration.ofHours(1), Duration.ofMinutes(1));
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch firstPassDone = new CountDownLatch(1);
        CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> loop.run(() -> {
            passes.incrementAndGet();
            firstPassDone.countDown();
            return false;
        }));
        firstPassDone.await();
        loop.stop();
        assertThat(running.get(10, TimeUnit.SECONDS)).as("the last pass failed").isFalse();
        assertThat(passes.get()).isEqualTo(1);
    }

    @Test
    void aStopDuringAPassLetsItFinishAndStartsNoOther() throws Exception {
        WatchLoop loop = new WatchLoop(Duration.ZERO, Duration.ofMinutes(1));
        CountDownLatch inPass = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger passes = new AtomicInteger();
        AtomicBoolean interrupted = new AtomicBoolean();
        CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> loop.run(() -> {
            passes.incrementAndGet();
            inPass.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return true;
        }));
        inPass.await();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(loop::stop);
        Thread.sleep(100);
        assertThat(stopping).as("stop waits for the pass under way").isNotDone();
        release.countDown();
        stopping.get(10, TimeUnit.SECONDS);
        assertThat(running.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(passes.get()).isEqualTo(1);
        assertThat(interrupted).isFalse();
    }

    @Test
    void aPassThatOutlastsTheGraceIsInterrupted() throws Exception {
        WatchLoop loop = new WatchLoop(Duration.ZERO, Duration.ofMillis(50));
        CountDownLatch inPass = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> loop.run(() -> {
            inPass.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
            }
            return false;
        }));
        inPass.await();
        loop.stop();
        assertThat(running.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(interrupted).isTrue();
    }

    @Test
    void onceRunsOnePassAndReturnsItsResult() {
        AtomicInteger passes = new AtomicInteger();
        assertThat(WatchLoop.once(Duration.ofMinutes(1)).run(() -> passes.incrementAndGet() > 1)).isFalse();
        assertThat(passes.get()).isEqualTo(1);
    }

    @Test
    void stopBeforeRunIsRememberedSoNoPassStarts() {
        WatchLoop loop = new WatchLoop(Duration.ZERO, Duration.ofMinutes(1));
        loop.stop();
        AtomicInteger passes = new AtomicInteger();
        loop.run(() -> passes.incrementAndGet() > 0);
        assertThat(passes.get()).isZero();
    }
}
