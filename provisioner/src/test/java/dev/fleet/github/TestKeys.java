package dev.fleet.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;

/** A throwaway App key pair, written as PEM in both formats GitHub users meet. */
final class TestKeys {
    static final KeyPair PAIR = generate();

    private TestKeys() {
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code BEGIN PRIVATE KEY}: what the JDK encodes. */
    static String pkcs8Pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** {@code BEGIN RSA PRIVATE KEY}: what GitHub hands out, i.e. the OCTET STRING inside the PKCS#8 structure. */
    static String pkcs1Pem(PrivateKey key) {
        byte[] pkcs8 = key.getEncoded();
        int at = skipHeader(pkcs8, 0);          // into SEQUENCE PrivateKeyInfo
        at = skipElement(pkcs8, at);            // version
        at = skipElement(pkcs8, at);            // AlgorithmIdentifier
        int contentStart = skipHeader(pkcs8, at);
        return pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, contentStart, skipElement(pkcs8, at)));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static int skipHeader(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        return at + 2 + (first < 0x80 ? 0 : first & 0x7f);
    }

    private static int skipElement(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        int length = first;
        if (first >= 0x80) {
            length = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                length = (length << 8) | (der[at + 2 + i] & 0xff);
            }
        }
        return skipHeader(der, at) + length;
    }
}
