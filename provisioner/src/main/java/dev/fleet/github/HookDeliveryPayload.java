package dev.fleet.github;

import java.util.Objects;

/**
 * A delivery with what GitHub sent: {@code guid} is its {@code X-GitHub-Delivery} header, {@code payload} the JSON
 * body as GitHub keeps it. GitHub hands the body back parsed, so these are not the bytes it signed: trust them because
 * they came from the API, not by a signature.
 */
public record HookDeliveryPayload(HookDelivery delivery, String guid, String payload) {
    public HookDeliveryPayload {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(payload, "payload");
    }

    public String event() {
        return delivery.event();
    }

    public String action() {
        return delivery.action();
    }
}
