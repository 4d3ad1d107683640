package dev.fleet.cli.serve.webhook;

/** What became of a webhook delivery, as metrics count them. */
public enum DeliveryResult {
    /** Acted on: a pass asked for, a runner's removal started, a queue wait recorded, a ping answered. */
    ACCEPTED,
    /** A delivery id this process had already taken: nothing done again. */
    DUPLICATE,
    /** Signature missing, wrong, or not SHA-256: nothing done. */
    BAD_SIGNATURE,
    /** A body over the size limit: refused unread. */
    TOO_LARGE,
    /** Not for fleet: another event or action, a runner that is not fleet's, a malformed delivery. */
    IGNORED,
    /** A queued job no enabled pool's runners could take. */
    NO_POOL
}
