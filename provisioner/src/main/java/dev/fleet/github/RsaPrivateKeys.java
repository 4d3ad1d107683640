package dev.fleet.github;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RSA private key from PEM with the JDK alone. GitHub hands out PKCS#1 ({@code BEGIN RSA PRIVATE KEY}),
 * which the JDK cannot read, so it is wrapped into PKCS#8 ({@code BEGIN PRIVATE KEY}): fifteen bytes of DER do what
 * a BouncyCastle dependency (and its signed-jar shading trouble) would.
 */
final class RsaPrivateKeys {
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN (RSA PRIVATE KEY|PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private RsaPrivateKeys() {
    }

    /** @throws IllegalArgumentException naming the accepted formats; never quoting the key */
    static PrivateKey fromPem(String pem) {
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new IllegalArgumentException(
                    "not an unencrypted RSA private key in PEM (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
        byte[] pkcs8 = matcher.group(1).equals("RSA PRIVATE KEY") ? wrapPkcs1(der) : der;
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the PEM block is not a readable RSA private key");
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(VERSION_0);
        content.writeBytes(RSA_ALGORITHM);
        content.writeBytes(der(0x04, pkcs1));
        return der(0x30, content.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
