package dev.fleet.github;

/**
 * A GET answer kept for If-None-Match: the ETag, the body, and the next-page link, which a 304 does not repeat.
 * Nothing else of the response is kept, so no header that could carry a secret reaches a cache.
 *
 * @param next the {@code rel="next"} URL, or null on the last page
 */
record CachedPage(String etag, byte[] body, String next) {
}
