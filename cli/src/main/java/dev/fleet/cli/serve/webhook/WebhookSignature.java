package dev.fleet.cli.serve.webhook;

import dev.fleet.github.Webhooks;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's signature of a delivery: {@code X-Hub-Signature-256: sha256=HEX(HMAC-SHA256(secret, raw body))}, keyed with
 * the secret of {@value #VARIABLE}. Only SHA-256: the {@code sha1=} header GitHub still sends beside it is not checked,
 * and a SHA-1 signature in its place is no signature.
 */
public final class WebhookSignature {
    public static final String VARIABLE = Webhooks.SECRET_ENV;
    public static final String HEADER = "X-Hub-Signature-256";
    /**
     * A secret shorter than this is guessable offline from one signed delivery; GitHub asks for a random string with
     * high entropy, and {@code openssl rand -hex 32} gives 64 characters.
     */
    static final int MIN_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";

    private final SecretKeySpec key;

    private WebhookSignature(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * The signature {@value #VARIABLE} keys; empty when it is not set, and webhooks are off.
     *
     * @throws IllegalArgumentException naming the variable and the rule (never the value) when it is set but empty or
     *                                  shorter than {@value #MIN_LENGTH} characters
     */
    public static Optional<WebhookSignature> fromEnvironment(Map<String, String> env) {
        String secret = env.get(VARIABLE);
        if (secret == null) {
            return Optional.empty();
        }
        if (secret.isBlank() || secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(VARIABLE + ": must be at least " + MIN_LENGTH + " characters (the "
                    + "secret of the GitHub webhook, e.g. from 'openssl rand -hex 32'), was " + secret.length());
        }
        return Optional.of(of(secret));
    }

    static WebhookSignature of(String secret) {
        return new WebhookSignature(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The header value GitHub sends with {@code body}. */
    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac().doFinal(body));
    }

    /**
     * Whether {@code header} is the signature of {@code body}, compared in constant time so that the answer's timing
     * tells nothing about how much of a forged signature was right. A missing header does not verify.
     */
    public boolean verifies(String header, byte[] body) {
        if (header == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[secret redacted]";
    }
}
