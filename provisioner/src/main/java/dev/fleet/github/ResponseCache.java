package dev.fleet.github;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(identity.getBytes(StandardCharsets.UTF_8));
            // A separator no identity contains, so ("a", "b/c") and ("a b", "/c") cannot meet.
            sha256.update((byte) '\n');
            return HexFormat.of().formatHex(sha256.digest(url.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
