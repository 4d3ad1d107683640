package dev.fleet.cli.serve.webhook;

import java.util.Objects;

/** What a delivery came to, the HTTP status GitHub gets for it, and one line saying why (GitHub shows it). */
record DeliveryAnswer(DeliveryResult result, int status, String message) {
    DeliveryAnswer {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(message, "message");
    }

    /** Acted on now: a queue wait recorded, a ping answered. */
    static DeliveryAnswer done(String message) {
        return new DeliveryAnswer(DeliveryResult.ACCEPTED, 200, message);
    }

    /** Acted on after the answer: a pass asked for, a removal started. */
    static DeliveryAnswer started(String message) {
        return new DeliveryAnswer(DeliveryResult.ACCEPTED, 202, message);
    }

    static DeliveryAnswer ignored(String message) {
        return new DeliveryAnswer(DeliveryResult.IGNORED, 200, message);
    }

    /** A delivery fleet cannot read: GitHub shows it failed, and nothing was done. */
    static DeliveryAnswer malformed(String message) {
        return new DeliveryAnswer(DeliveryResult.IGNORED, 400, message);
    }

    static DeliveryAnswer noPool(String message) {
        return new DeliveryAnswer(DeliveryResult.NO_POOL, 200, message);
    }

    static DeliveryAnswer duplicate(String guid) {
        return new DeliveryAnswer(DeliveryResult.DUPLICATE, 200, "duplicate: delivery " + guid + " was taken before");
    }

    /** The JSON body: {@code {"result": "accepted", "message": "..."}}. */
    Body body() {
        return new Body(result.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), message);
    }

    record Body(String result, String message) {
    }
}
