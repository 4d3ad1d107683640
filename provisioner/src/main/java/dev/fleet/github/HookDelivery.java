package dev.fleet.github;

import java.time.Instant;

/**
 * One delivery of a webhook as GitHub lists it. {@code statusCode} is what the receiver answered, 0 when GitHub got no
 * answer at all; {@code action} is null for events without one.
 */
public record HookDelivery(long id, String guid, Instant deliveredAt, int statusCode, String event, String action,
                           boolean redelivery) {

    /** Whether the receiver took it: any 2xx. */
    public boolean answered() {
        return statusCode / 100 == 2;
    }
}
