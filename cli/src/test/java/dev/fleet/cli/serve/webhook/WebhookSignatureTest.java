package dev.fleet.cli.serve.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The secret from the environment, and GitHub's signature made and checked with it. */
class WebhookSignatureTest {
    private static final JsonNode VECTOR = Payloads.fixture("signature-test-vector.json");

    @Test
    void signsGitHubsTestVectorAsItsDocsSay() {
        WebhookSignature signature = WebhookSignature.fromEnvironment(Map.of("FLEET_WEBHOOK_SECRET",
                VECTOR.path("secret").asText())).orElseThrow();
        byte[] body = VECTOR.path("payload").asText().getBytes(StandardCharsets.UTF_8);

        assertThat(signature.sign(body)).isEqualTo(VECTOR.path("expected_header_value").asText())
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
        assertThat(signature.verifies(VECTOR.path("expected_header_value").asText(), body)).isTrue();
        assertThat(signature.verifies(VECTOR.path("expected_header_value").asText(), "Hello, World?".getBytes(
                StandardCharsets.UTF_8))).isFalse();
        assertThat(signature.verifies(null, body)).isFalse();
    }

    @Test
    void withoutTheVariableWebhooksAreOff() {
        assertThat(WebhookSignature.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void anEmptyOrShortSecretIsRefusedWithoutSayingIt() {
        for (String secret : new String[] {"", "                ", "fifteen-chars!!"}) {
            assertThatThrownBy(() -> WebhookSignature.fromEnvironment(Map.of("FLEET_WEBHOOK_SECRET", secret)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("FLEET_WEBHOOK_SECRET: must be at least 16 characters")
                    .message().doesNotContain(secret.isBlank() ? "\u0000" : secret);
        }
        assertThat(WebhookSignature.fromEnvironment(Map.of("FLEET_WEBHOOK_SECRET", "sixteen-chars!!!"))).isPresent();
    }

    @Test
    void itsTextHoldsNoSecret() {
        assertThat(WebhookSignature.of(VECTOR.path("secret").asText()).toString()).doesNotContain("Secret");
    }
}
