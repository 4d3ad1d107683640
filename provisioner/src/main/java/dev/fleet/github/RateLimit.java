package dev.fleet.github;

import java.time.Instant;

/** GitHub's {@code x-ratelimit-*} headers of one response. */
public record RateLimit(int limit, int remaining, int used, Instant reset, String resource) {
}
