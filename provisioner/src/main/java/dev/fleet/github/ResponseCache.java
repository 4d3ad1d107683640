package dev.fleet.github;

import okhttp3.HttpUrl;

/**
 * Where GET answers with an ETag wait for the next conditional request. Implementations are thread-safe and never
 * fail a call: an entry they cannot read is a miss, one they cannot write is skipped.
 */
interface ResponseCache {
    /** The cached answer for {@code key}, or null. */
    CachedPage get(String key);

    void put(String key, CachedPage page);

    void remove(String key);

    /**
     * The key of a GET by {@code identity} (a credential's {@link GitHubCredentials#identity()}, never its token) of
     * {@code url} (API URL, path and query). Hashed, so a file name says nothing about who asked for what.
     */
    static String key(String identity, HttpUrl url) {
        // A separator no identity or URL contains, so two different pairs cannot run together into one text.
        return Sha256.hex(identity + "\n" + url);
    }
}
