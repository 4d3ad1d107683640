package dev.fleet.cli.serve.webhook;

import dev.fleet.cli.serve.LastPass;
import dev.fleet.cli.serve.PoolPasses;
import dev.fleet.cli.serve.RunnerRemoval;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What the webhook asked of the rest of {@code serve}: passes, removals, and what it told the metrics. */
final class Recorded implements PoolPasses, RunnerRemoval, WebhookListener {
    final List<String> passes = new CopyOnWriteArrayList<>();
    final List<DeliveryResult> results = new CopyOnWriteArrayList<>();
    final List<String> figures = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<String> removals = new LinkedBlockingQueue<>();
    volatile Removal removal = new Removal(Status.REMOVED, "ci", "VM and runner gone");

    @Override
    public void request(String pool, String why) {
        passes.add(pool + " for " + why);
    }

    @Override
    public Map<String, LastPass> latest() {
        return Map.of();
    }

    @Override
    public Removal remove(String runner, boolean force) {
        removals.add(runner + (force ? " forced" : ""));
        return removal;
    }

    /** The next runner removed, waiting for it: removals run off the request thread. */
    String nextRemoval() throws InterruptedException {
        String runner = removals.poll(10, TimeUnit.SECONDS);
        if (runner == null) {
            throw new AssertionError("no runner was removed within 10 s");
        }
        return runner;
    }

    boolean anyRemoval() {
        return !removals.isEmpty();
    }

    @Override
    public void delivery(DeliveryResult result) {
        results.add(result);
    }

    @Override
    public void queueWait(String pool, Duration wait) {
        figures.add("queue wait " + pool + " " + wait);
    }

    @Override
    public void billedAfterJob(String pool, Duration billed) {
        figures.add("billed after job " + pool + " " + billed);
    }
}
