package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LoggingTest {
    private final ByteArrayOutputStream target = new ByteArrayOutputStream();
    private final Logger fleet = LoggerFactory.getLogger("dev.fleet.lifecycle.Reconciler");
    private final Logger library = LoggerFactory.getLogger("okhttp3.internal.Pipeline");

    @AfterEach
    void clearContext() {
        MDC.clear();
    }

    private List<String> lines() {
        return target.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void jsonLinesCarryThePassAndPoolAsFieldsAndTheErrorsType() throws Exception {
        Logging.configure(Logging.Format.json, false, false, target);
        MDC.put("pass", "p-7f3a");
        MDC.put("pool", "ci");

        fleet.info("created {} VMs", 2);
        fleet.warn("delete failed", new IllegalStateException("VM busy"));

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("logger").asText()).isEqualTo("dev.fleet.lifecycle.Reconciler");
        assertThat(first.get("message").asText()).isEqualTo("created 2 VMs");
        assertThat(first.get("pass").asText()).isEqualTo("p-7f3a");
        assertThat(first.get("pool").asText()).isEqualTo("ci");
        assertThat(first.get("time").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertThat(second.get("error").asText()).isEqualTo("java.lang.IllegalStateException: VM busy");
    }

    @Test
    void textLinesShowThePassAndPoolOnlyWhenSet() {
        Logging.configure(Logging.Format.text, false, false, target);

        fleet.info("outside a pass");
        MDC.put("pass", "p-7f3a");
        MDC.put("pool", "ci");
        fleet.info("inside a pass");

        assertThat(lines().get(0)).matches("\\S+ INFO  Reconciler: outside a pass");
        assertThat(lines().get(1)).matches("\\S+ INFO  \\[p-7f3a ci\\] Reconciler: inside a pass");
    }

    @Test
    void fleetLogsAtInfoAndLibrariesOnlyWarnUnlessVerbose() {
        Logging.configure(Logging.Format.text, false, false, target);
        fleet.debug("detail");
        library.info("chatter");
        library.warn("trouble");
        assertThat(lines()).hasSize(1).first().asString().endsWith("Pipeline: trouble");

        target.reset();
        Logging.configure(Logging.Format.text, true, false, target);
        fleet.debug("detail");
        library.info("chatter");
        assertThat(lines()).hasSize(1).first().asString().endsWith("Reconciler: detail");
    }

    @Test
    void quietKeepsOnlyWarningsAndTheAzureSdkSpeaksOnlyWhenVerbose() {
        org.slf4j.Logger azure = LoggerFactory.getLogger("com.azure.core.implementation.AccessTokenCache");
        Logging.configure(Logging.Format.text, false, true, target);
        fleet.info("progress");
        fleet.warn("careful");
        azure.error("Failed to acquire a new access token.");
        assertThat(lines()).hasSize(1).first().asString().endsWith("Reconciler: careful");

        target.reset();
        Logging.configure(Logging.Format.text, true, false, target);
        azure.error("Failed to acquire a new access token.");
        assertThat(lines()).hasSize(1).first().asString().endsWith("AccessTokenCache: Failed to acquire a new access token.");
    }

    @Test
    void msal4jWarningsShowOnlyWhenVerboseLikeTheAzureSdksLines() {
        Logger msal = LoggerFactory.getLogger("com.microsoft.aad.msal4j.ConfidentialClientApplication");
        Logging.configure(Logging.Format.text, false, false, target);
        msal.warn("[Correlation ID: 5f2c] Execution of class com.microsoft.aad.msal4j.AcquireTokenByClientCredentialSupplier "
                + "failed: AADSTS7000215: Invalid client secret provided.");
        assertThat(lines()).isEmpty();

        Logging.configure(Logging.Format.text, true, false, target);
        msal.warn("token cache miss");
        assertThat(lines()).hasSize(1).first().asString().endsWith("ConfidentialClientApplication: token cache miss");
    }

    @Test
    void theCommandLineSendsLogLinesToItsErrorStream() {
        StringWriter err = new StringWriter();
        Logging.configure(Logging.Format.json, false, false, new PrintWriter(err, true));

        fleet.info("ready ✓");

        assertThat(err.toString()).contains("\"message\":\"ready ✓\"");
    }
}
