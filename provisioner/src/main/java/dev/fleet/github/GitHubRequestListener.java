package dev.fleet.github;

import java.util.Optional;

/**
 * Hears each answer GitHub gives a {@link GitHubClient}, every attempt of a retried request included, e.g. to count
 * them by status and to watch the rate limit. Called from the threads that send, several at once; it should return
 * quickly.
 */
public interface GitHubRequestListener {
    GitHubRequestListener NONE = new GitHubRequestListener() {
    };

    /**
     * GitHub answered with this HTTP status.
     *
     * @param rateLimit the answer's {@code x-ratelimit-*} headers, empty when it did not carry them all
     */
    default void answered(int status, Optional<RateLimit> rateLimit) {
    }

    /** A request got no answer: the connection was refused, broke or timed out. */
    default void unanswered() {
    }
}
