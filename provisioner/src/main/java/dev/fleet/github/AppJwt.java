package dev.fleet.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The RS256 JWT a GitHub App signs to call {@code /app/...}: issued a minute in the past against clock drift, valid
 * nine minutes (GitHub refuses more than ten).
 */
final class AppJwt {
    static final Duration BACKDATE = Duration.ofSeconds(60);
    static final Duration LIFETIME = Duration.ofMinutes(9);
    private static final String HEADER = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");

    private final long appId;
    private final PrivateKey key;
    private final Clock clock;

    AppJwt(long appId, PrivateKey key, Clock clock) {
        this.appId = appId;
        this.key = key;
        this.clock = clock;
    }

    String sign() {
        Instant now = clock.instant();
        String payload = encode("{\"iat\":" + now.minus(BACKDATE).getEpochSecond()
                + ",\"exp\":" + now.plus(LIFETIME).getEpochSecond() + ",\"iss\":\"" + appId + "\"}");
        String signingInput = HEADER + "." + payload;
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the GitHub App JWT with the configured key", e);
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
