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
        String userData = new String(Base64.getDecoder().decode(CloudInit.customData(keys)), StandardCharsets.UTF_8);

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
    }

    @Test
    void carriesNoUserKeyMaterial() {
        assertThat(CloudInit.userData(keys)).doesNotContain(keys.userPublicKeyOpenSsh().split(" ")[1]);
    }
}
