package dev.fleet.it.cloud;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.security.SecurityUtils;

/** Reads the SSH keys out of a VM's ARM body, as cloud-init and the Azure Linux agent would on a real VM. */
final class CloudInitKeys {
    private static final String HOST_KEY = "  ed25519_private: |";
    private static final String INDENT = "    ";

    private CloudInitKeys() {
    }

    /** The host key pair in the {@code ssh_keys.ed25519_private} block of the base64 cloud-config. */
    static KeyPair hostKey(String customDataBase64) {
        String pem = hostKeyPem(customDataBase64);
        try {
            Iterator<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("cloud-init host key"),
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)), null).iterator();
            return keys.next();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the VM's host key does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * The lines of the host key's base64 body that are this key's own: the first is the same in every OpenSSH key
     * (the format's magic and cipher names), so it is left out.
     */
    static List<String> hostKeyLines(String customDataBase64) {
        List<String> body = hostKeyPem(customDataBase64).lines().filter(line -> !line.startsWith("-----")).toList();
        return body.stream().skip(1).filter(line -> line.length() >= SecretLedger.MIN_LENGTH).toList();
    }

    private static String hostKeyPem(String customDataBase64) {
        List<String> lines = new String(Base64.getDecoder().decode(customDataBase64), StandardCharsets.UTF_8)
                .lines().collect(Collectors.toList());
        int start = lines.indexOf(HOST_KEY);
        if (start < 0) {
            throw new IllegalArgumentException("the VM's custom data holds no ed25519_private host key");
        }
        return lines.subList(start + 1, lines.size()).stream()
                .takeWhile(line -> line.startsWith(INDENT))
                .map(line -> line.substring(INDENT.length()) + "\n")
                .collect(Collectors.joining());
    }

    /** A key from one authorized_keys line, as {@code osProfile.linuxConfiguration.ssh.publicKeys[].keyData} has it. */
    static PublicKey publicKey(String authorizedKey) {
        try {
            return PublicKeyEntry.parsePublicKeyEntry(authorizedKey.strip())
                    .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the VM's admin key does not parse: " + e.getMessage(), e);
        }
    }
}
