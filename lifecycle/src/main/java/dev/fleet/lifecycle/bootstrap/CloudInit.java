package dev.fleet.lifecycle.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The cloud-init user data of a runner VM: it installs the host key fleet made, so the SSH client
 * can insist on that key from the very first connection (no trust on first use), and moves sshd to the
 * pool's SSH port when that is not the image's 22.
 */
public final class CloudInit {
    private static final int IMAGE_SSH_PORT = 22;
    private static final String DROP_IN = "10-fleet-port.conf";
    /*
     * The socket unit holds the listening port when it is in use, so it restarts; sshd itself (ssh.service) must not
     * hold the old one then. Without socket activation, ssh.service restarts and reads the port from sshd_config.d.
     */
    private static final String RESTART_SSH = "systemctl daemon-reload && if systemctl is-enabled --quiet ssh.socket; "
            + "then systemctl stop ssh.service; systemctl restart ssh.socket; else systemctl restart ssh.service; fi";

    private CloudInit() {
    }

    /** The user data base64-encoded, as Azure's {@code customData} wants it (the SDK sends it as given). */
    public static String customData(VmKeys keys, int sshPort) {
        return Base64.getEncoder().encodeToString(userData(keys, sshPort).getBytes(StandardCharsets.UTF_8));
    }

    /*
     * cloud-init's ssh module writes each ssh_keys entry to /etc/ssh/ssh_host_<type>_key[.pub] and,
     * when ssh_keys is given, generates no host keys itself. ssh_deletekeys removes the keys baked
     * into the image first and ssh_genkeytypes: [] says again that nothing is generated, so the only
     * host key sshd can offer is ours.
     *
     * Another port takes two files, since Ubuntu 22.04 runs sshd as ssh.service, which listens where sshd_config
     * says, and Ubuntu 22.10 and later start it through ssh.socket, which listens where its ListenStream says (24.04
     * generates that from sshd_config on a daemon-reload, the drop-in says it outright). ssh.socket listens from early
     * boot, before cloud-init writes anything, so runcmd restarts whichever unit the image uses.
     */
    static String userData(VmKeys keys, int sshPort) {
        StringBuilder yaml = new StringBuilder()
                .append("#cloud-config\n")
                .append("ssh_deletekeys: true\n")
                .append("ssh_genkeytypes: []\n")
                .append("ssh_keys:\n")
                .append("  ed25519_private: |\n");
        keys.hostPrivateKeyOpenSsh().lines().forEach(line -> yaml.append("    ").append(line).append('\n'));
        yaml.append("  ed25519_public: ").append(keys.hostPublicKeyOpenSsh()).append('\n');
        if (sshPort != IMAGE_SSH_PORT) {
            yaml.append("write_files:\n")
                    .append("  - path: /etc/ssh/sshd_config.d/").append(DROP_IN).append('\n')
                    .append("    content: |\n")
                    .append("      Port ").append(sshPort).append('\n')
                    .append("  - path: /etc/systemd/system/ssh.socket.d/").append(DROP_IN).append('\n')
                    .append("    content: |\n")
                    .append("      [Socket]\n")
                    .append("      ListenStream=\n")
                    .append("      ListenStream=").append(sshPort).append('\n')
                    .append("runcmd:\n")
                    .append("  - '").append(RESTART_SSH).append("'\n");
        }
        return yaml.toString();
    }
}
