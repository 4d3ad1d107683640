package dev.fleet.lifecycle.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * The two SSH key pairs of one VM, held in memory only.
 *
 * <p>The user key's public half goes to Azure (authorized_keys); fleet logs in with its private half.
 * The host key pair is made here rather than on the VM so that fleet knows the host key before it
 * first connects: its private half travels in cloud-init, and the SSH client accepts that key and
 * no other.
 */
public final class VmKeys {
    static final String KEY_TYPE = KeyPairProvider.SSH_ED25519;

    private final KeyPair user;
    private final KeyPair host;

    private VmKeys(KeyPair user, KeyPair host) {
        this.user = user;
        this.host = host;
    }

    public static VmKeys generate() {
        return new VmKeys(newKeyPair(), newKeyPair());
    }

    /** The user's public key as one authorized_keys line ({@code ssh-ed25519 AAAA...}), for Azure. */
    public String userPublicKeyOpenSsh() {
        return PublicKeyEntry.toString(user.getPublic());
    }

    /** The host's public key as one line, as sshd keeps it in {@code ssh_host_ed25519_key.pub}. */
    String hostPublicKeyOpenSsh() {
        return PublicKeyEntry.toString(host.getPublic());
    }

    PublicKey hostPublicKey() {
        return host.getPublic();
    }

    /** The host's private key in OpenSSH format, unencrypted, as sshd reads it. */
    String hostPrivateKeyOpenSsh() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(host, "fleet-host", null, out);
        } catch (IOException | GeneralSecurityException e) {
            // Writing to memory does not fail, and MINA encodes every key it makes.
            throw new IllegalStateException("cannot encode the host key", e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    KeyPair userKeyPair() {
        return user;
    }

    KeyPair hostKeyPair() {
        return host;
    }

    @Override
    public String toString() {
        return "VmKeys[host " + KeyUtils.getFingerPrint(host.getPublic()) + "]";
    }

    private static KeyPair newKeyPair() {
        try {
            // MINA makes ed25519 keys through BouncyCastle; JDK-made Ed25519 keys are not accepted by it.
            return KeyUtils.generateKeyPair(KEY_TYPE, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an " + KEY_TYPE + " key pair", e);
        }
    }
}
