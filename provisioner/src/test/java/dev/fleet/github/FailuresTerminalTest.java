package dev.fleet.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** GitHub's own words in an error reach the terminal without escape sequences or control characters. */
class FailuresTerminalTest {

    @Test
    void gitHubsMessageIsQuotedWithoutWhatATerminalWouldObey() {
        byte[] body = "{\"message\": \"Validation \\u001b]0;owned\\u0007Failed\\u001b[2J\\u009b1m\"}"
                .getBytes(StandardCharsets.UTF_8);

        GitHubException failure = Failures.forStatus("POST", "/repos/octo/app/actions/runners/registration-token",
                422, body, "GITHUB_TOKEN", 1);

        assertThat(failure.getMessage()).endsWith("(GitHub says: Validation Failed1m)")
                .doesNotContainPattern("[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F]");
    }
}
