package dev.fleet.github;

/**
 * What a {@link GitHubClient} has sent so far.
 *
 * @param requests     HTTP requests sent, retries and 304s included
 * @param notModified  304 answers to conditional GETs; GitHub does not count these against the primary rate limit
 * @param rateLimited  403/429 answers that were rate limits (primary or secondary)
 * @param retries      requests sent again after a failure or a rate limit
 * @param lastRateLimit the rate-limit headers of the latest response that had them, or null before the first one
 */
public record ClientStats(long requests, long notModified, long rateLimited, long retries, RateLimit lastRateLimit) {
    /** Requests that GitHub counts against the primary rate limit: all but the 304s. */
    public long countedAgainstRateLimit() {
        return requests - notModified;
    }
}
