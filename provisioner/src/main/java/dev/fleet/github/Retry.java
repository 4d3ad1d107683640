package dev.fleet.github;

/** Whether a POST may be sent again after a failure that leaves unknown whether GitHub acted on it. */
enum Retry {
    /** Repeating the call is harmless (e.g. asking for another registration token). */
    SAFE_TO_REPEAT,
    /** A repeat could act twice (e.g. register a second JIT runner); fail instead. */
    NEVER
}
