package dev.fleet.lifecycle.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.Test;

class CloudInitTest {
    private final VmKeys keys = VmKeys.generate();

    @Test
    void customDataIsTheBase64OfACloudConfigInstallingTheHostKey() throws Exception {
        String userData = new String(Base64.getDecoder().decode(CloudInit.customData(keys, 22)), StandardCharsets.UTF_8);

        assertThat(userData).startsWith("#cloud-config\n");
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(userData);
        assertThat(config.get("ssh_deletekeys").asBoolean()).isTrue();
        assertThat(config.get("ssh_genkeytypes").isEmpty()).isTrue();
        JsonNode sshKeys = config.get("ssh_keys");
        // The OpenSSH format holds random check bytes, so the key is compared by what it decodes to.
        String privateKey = sshKeys.get("ed25519_private").asText();
        Iterable<KeyPair> decoded = SecurityUtils.loadKeyPairIdentities(null, null,
                new ByteArrayInputStream(privateKey.getBytes(StandardCharsets.US_ASCII)), null);
        assertThat(decoded).singleElement().satisfies(pair ->
                assertThat(KeyUtils.compareKeys(pair.getPublic(), keys.hostPublicKey())).isTrue());
        assertThat(sshKeys.get("ed25519_public").asText()).isEqualTo(keys.hostPublicKeyOpenSsh());
        // Port 22 is every image's own: sshd is left as it is.
        assertThat(config.has("write_files")).isFalse();
        assertThat(config.has("runcmd")).isFalse();
    }

    /*
     * Ubuntu 22.04 runs ssh.service, whose sshd reads the Port from sshd_config.d. Ubuntu 22.10 and later listen
     * through ssh.socket instead, whose ListenStream decides the port; 24.04 also generates it from sshd_config
     * when systemd reloads. Both are written, and whichever unit the image uses is restarted.
     */
    @Test
    void anotherSshPortIsWhereSshdListensUnderEitherUnit() throws Exception {
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(CloudInit.userData(keys, 2222));

        JsonNode files = config.get("write_files");
        assertThat(files).hasSize(2);
        assertThat(files.get(0).get("path").asText()).isEqualTo("/etc/ssh/sshd_config.d/10-fleet-port.conf");
        assertThat(files.get(0).get("content").asText()).isEqualTo("Port 2222\n");
        assertThat(files.get(1).get("path").asText()).isEqualTo("/etc/systemd/system/ssh.socket.d/10-fleet-port.conf");
        assertThat(files.get(1).get("content").asText()).isEqualTo("[Socket]\nListenStream=\nListenStream=2222\n");
        assertThat(config.get("runcmd")).singleElement().satisfies(command -> assertThat(command.asText())
                .isEqualTo("systemctl daemon-reload && if systemctl is-enabled --quiet ssh.socket; then "
                        + "systemctl stop ssh.service; systemctl restart ssh.socket; else systemctl restart ssh.service; fi"));
        assertThat(config.get("ssh_keys").get("ed25519_public").asText()).isEqualTo(keys.hostPublicKeyOpenSsh());
    }

    @Test
    void carriesNoUserKeyMaterial() {
        assertThat(CloudInit.userData(keys, 2222)).doesNotContain(keys.userPublicKeyOpenSsh().split(" ")[1]);
    }
}
