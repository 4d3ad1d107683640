package dev.fleet.cli.serve.webhook;

import java.util.Objects;

/**
 * One webhook delivery as GitHub sent it: its id ({@code X-GitHub-Delivery}, kept by a redelivery), its event
 * ({@code X-GitHub-Event}) and its raw JSON payload.
 */
public record Delivery(String guid, String event, byte[] payload) {
    public Delivery {
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(payload, "payload");
    }
}
