package dev.fleet.lifecycle.bootstrap;

import dev.fleet.config.PoolConfig.Registration;
import dev.fleet.github.Secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerSetupTest {
    private static final String SHA = "a".repeat(64);
    private static final Secret SECRET = Secret.of("tok");
    private static final String MIRROR = "https://mirror.example/runner-{version}.tgz";

    @Test
    void downloadsFromTheTemplateItIsGivenAndFillsInNoDefaultOfItsOwn() {
        assertThat(setup("https://mirror.example/runner-{version}.tgz").tarballUrl())
                .isEqualTo("https://mirror.example/runner-2.336.0.tgz");
        assertThatThrownBy(() -> setup(null)).isInstanceOf(NullPointerException.class).hasMessage("downloadUrl");
    }

    @Test
    void rejectsValuesTheScriptCouldNotUse() {
        assertThatThrownBy(() -> new RunnerSetup("https://github.com/o/r", "n", List.of("a,b"), null,
                Registration.TOKEN, SECRET, "2.336.0", MIRROR, SHA)).hasMessageContaining("commas");
        assertThatThrownBy(() -> new RunnerSetup("https://github.com/o/r", "n", List.of(), " ",
                Registration.TOKEN, SECRET, "2.336.0", MIRROR, SHA)).hasMessageContaining("runnerGroup");
        assertThatThrownBy(() -> new RunnerSetup("https://github.com/o/r", "n", List.of(), null,
                Registration.TOKEN, SECRET, "latest", MIRROR, SHA)).hasMessageContaining("version");
        assertThatThrownBy(() -> new RunnerSetup("https://github.com/o/r", "n", List.of(), null,
                Registration.TOKEN, SECRET, "2.336.0", MIRROR, "abc")).hasMessageContaining("sha256");
        assertThatThrownBy(() -> new RunnerSetup(" ", "n", List.of(), null,
                Registration.TOKEN, SECRET, "2.336.0", MIRROR, SHA)).hasMessageContaining("url");
    }

    @Test
    void refusesADownloadUrlWithCredentialsWithoutShowingThem() {
        assertThatThrownBy(() -> setup("https://fleet:hunter2@mirror.example/runner-{version}.tgz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("downloadUrl must not hold credentials")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(setup(MIRROR).toString()).contains("secret=***").doesNotContain("tok,");
        assertThatThrownBy(() -> withSecret(Secret.of("two\nlines"))).hasMessageContaining("one non-blank line");
        assertThatThrownBy(() -> withSecret(Secret.of(" "))).hasMessageContaining("one non-blank line");
    }

    private static RunnerSetup withSecret(Secret secret) {
        return new RunnerSetup("https://github.com/o/r", "n", List.of("x"), null, Registration.TOKEN, secret,
                "2.336.0", MIRROR, SHA);
    }

    private static RunnerSetup setup(String downloadUrl) {
        return new RunnerSetup("https://github.com/o/r", "n", List.of("x"), null, Registration.TOKEN, SECRET,
                "2.336.0", downloadUrl, SHA);
    }
}
