package dev.fleet.queue;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds each jobs request's answer until {@code together} jobs requests are held at once, then lets all through, and
 * notes the most ever held together. Reads made one at a time never gather: the first waits out a few seconds, no
 * later one waits, and {@link #mostAtOnce()} stays 1.
 */
final class HeldJobReads implements ServeEventListener {
    private static final long PATIENCE_SECONDS = 5;

    private final CountDownLatch gathered;
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private volatile boolean gaveUp;

    HeldJobReads(int together) {
        this.gathered = new CountDownLatch(together);
    }

    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
        if (!event.getRequest().getUrl().contains("/jobs")) {
            return;
        }
        mostAtOnce.accumulateAndGet(held.incrementAndGet(), Math::max);
        try {
            gathered.countDown();
            if (!gaveUp && !gathered.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                gaveUp = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            held.decrementAndGet();
        }
    }

    int mostAtOnce() {
        return mostAtOnce.get();
    }

    @Override
    public String getName() {
        return "held-job-reads";
    }
}
