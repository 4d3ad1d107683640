package dev.fleet.lifecycle.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstallTargetTest {
    private final VmKeys keys = VmKeys.generate();

    @Test
    void rejectsAnEndpointNoOneCouldConnectTo() {
        assertThatThrownBy(() -> new InstallTarget("h", 0, "u", keys)).hasMessageContaining("port");
        assertThatThrownBy(() -> new InstallTarget(" ", 22, "u", keys)).hasMessageContaining("host");
        assertThatThrownBy(() -> new InstallTarget("h", 22, "", keys)).hasMessageContaining("user");
    }

    @Test
    void aFailureBeforeTheScriptHasNoExitStatusAndNoOutput() {
        InstallResult result = InstallResult.failedBeforeScript("down");

        assertThat(result.ok()).isFalse();
        assertThat(result.exitStatus()).isEqualTo(InstallResult.NO_EXIT_STATUS);
        assertThat(result.lastLines()).isEmpty();
    }
}
