package dev.fleet.lifecycle.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The cloud-init user data of a runner VM: it installs the host key fleet made, so the SSH client
 * can insist on that key from the very first connection (no trust on first use).
 */
public final class CloudInit {
    private CloudInit() {
    }

    /** The user data base64-encoded, as Azure's {@code customData} wants it (the SDK sends it as given). */
    public static String customData(VmKeys keys) {
        return Base64.getEncoder().encodeToString(userData(keys).getBytes(StandardCharsets.UTF_8));
    }

    /*
     * cloud-init's ssh module writes each ssh_keys entry to /etc/ssh/ssh_host_<type>_key[.pub] and,
     * when ssh_keys is given, generates no host keys itself. ssh_deletekeys removes the keys baked
     * into the image first and ssh_genkeytypes: [] says again that nothing is generated, so the only
     * host key sshd can offer is ours.
     */
    static String userData(VmKeys keys) {
        StringBuilder yaml = new StringBuilder()
                .append("#cloud-config\n")
                .append("ssh_deletekeys: true\n")
                .append("ssh_genkeytypes: []\n")
                .append("ssh_keys:\n")
                .append("  ed25519_private: |\n");
        keys.hostPrivateKeyOpenSsh().lines().forEach(line -> yaml.append("    ").append(line).append('\n'));
        return yaml.append("  ed25519_public: ").append(keys.hostPublicKeyOpenSsh()).append('\n').toString();
    }
}
