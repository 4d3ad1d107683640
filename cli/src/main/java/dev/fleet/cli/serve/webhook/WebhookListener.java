package dev.fleet.cli.serve.webhook;

import java.time.Duration;

/** Hears what the webhook did, for metrics. Called on request threads and removal threads: must not block. */
public interface WebhookListener {
    WebhookListener NONE = new WebhookListener() {
    };

    /** One delivery, and what became of it. */
    default void delivery(DeliveryResult result) {
    }

    /** A job a runner of {@code pool} took waited this long in the queue ({@code started_at - created_at}). */
    default void queueWait(String pool, Duration wait) {
    }

    /**
     * The VM of a runner of {@code pool} went this long after its job completed ({@code completed_at} to the VM's
     * delete answered): what the stopped VM was billed for after its job.
     */
    default void billedAfterJob(String pool, Duration billed) {
    }
}
