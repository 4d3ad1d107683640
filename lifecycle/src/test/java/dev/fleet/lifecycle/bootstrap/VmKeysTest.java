package dev.fleet.lifecycle.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.Test;

class VmKeysTest {
    private final VmKeys keys = VmKeys.generate();

    @Test
    void userPublicKeyIsOneAuthorizedKeysLineForTheUserKey() throws Exception {
        String line = keys.userPublicKeyOpenSsh();

        assertThat(line).startsWith("ssh-ed25519 AAAA").doesNotContain("\n");
        AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line);
        assertThat(KeyUtils.compareKeys(entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING),
                keys.userKeyPair().getPublic())).isTrue();
    }

    @Test
    void hostPrivateKeyIsAnUnencryptedOpenSshKeyOfTheHostPair() throws Exception {
        String pem = keys.hostPrivateKeyOpenSsh();

        assertThat(pem).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n").contains("-----END OPENSSH PRIVATE KEY-----");
        Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, null,
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)), null);
        assertThat(loaded).singleElement().satisfies(pair ->
                assertThat(KeyUtils.compareKeys(pair.getPublic(), keys.hostPublicKey())).isTrue());
        assertThat(keys.hostKeyPair().getPublic()).isSameAs(keys.hostPublicKey());
    }

    @Test
    void everyVmGetsItsOwnKeys() {
        VmKeys other = VmKeys.generate();

        assertThat(other.userPublicKeyOpenSsh()).isNotEqualTo(keys.userPublicKeyOpenSsh());
        assertThat(other.hostPublicKeyOpenSsh()).isNotEqualTo(keys.hostPublicKeyOpenSsh());
        assertThat(keys.userPublicKeyOpenSsh()).isNotEqualTo(keys.hostPublicKeyOpenSsh());
    }

    @Test
    void toStringShowsTheHostFingerprintAndNoKeyMaterial() {
        assertThat(keys.toString()).isEqualTo("VmKeys[host " + KeyUtils.getFingerPrint(keys.hostPublicKey()) + "]");
    }
}
