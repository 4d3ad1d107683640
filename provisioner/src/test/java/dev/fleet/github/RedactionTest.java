package dev.fleet.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.fleet.github.GitHubStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fleet.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * No token, JWT, registration token or JIT config appears in a log line (captured at TRACE), an exception message
 * (with its causes) or a toString, on the success paths and on every failure path.
 */
class RedactionTest {
    @RegisterExtension
    static final WireMockExtension GITHUB = GitHubStub.server();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    static final String PAT = "redaction-pat-31415926";
    static final String REGISTRATION = "REGISTRATION-SECRET-2718";
    static final String JIT = "JIT-CONFIG-SECRET-1618";
    static final String INSTALLATION = "ghs_INSTALLATION_SECRET_1414";
    static final String WEBHOOK_SECRET = "WEBHOOK-SECRET-5772";
    static final String RUNNERS = "/repos/o/r/actions/runners";
    static final RunnerScope SCOPE = RunnerScope.repository("o/r");

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    final List<String> seen = new ArrayList<>();
    int failedCalls;

    GitHubClientSettings settings() {
        return GitHubStub.settings(GITHUB.baseUrl(), Duration.ofMillis(300), 1, Duration.ofSeconds(30));
    }

    GitHubClient client(GitHubCredentials credentials) {
        return new GitHubClient(settings(), credentials, clock, new RecordingSleeper(clock));
    }

    RestGitHubRunners runners() {
        return new RestGitHubRunners(client(TokenCredentials.fromEnvironment(Map.of("GITHUB_TOKEN", PAT))), clock);
    }

    /** Runs a call, keeping its result's toString or its exception's messages (all causes) for the scan. */
    void scan(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            failedCalls++;
            for (Throwable t = e; t != null; t = t.getCause()) {
                seen.add(t.toString());
            }
        }
    }

    @AfterEach
    void nothingSecretWasSeen() {
        List<String> secrets = new ArrayList<>(List.of(PAT, REGISTRATION, JIT, INSTALLATION, WEBHOOK_SECRET));
        GITHUB.findAll(postRequestedFor(urlPathEqualTo("/app/installations/7/access_tokens")))
                .forEach(request -> secrets.add(request.getHeader("Authorization").substring("Bearer ".length())));
        List<String> texts = new ArrayList<>(seen);
        texts.addAll(logs.texts());
        assertThat(logs.size()).as("the calls logged something to scan").isPositive();
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(secrets).noneMatch(text::contains));
    }

    @Test
    void successfulCallsPrintNoSecret() {
        GITHUB.stubFor(post(RUNNERS + "/registration-token").willReturn(json(201,
                "{\"token\":\"" + REGISTRATION + "\",\"expires_at\":\"2026-11-23T13:00:00Z\"}")));
        GITHUB.stubFor(post(RUNNERS + "/generate-jitconfig").willReturn(json(201,
                "{\"runner\":{\"id\":9,\"name\":\"r\",\"status\":\"offline\",\"busy\":false,\"labels\":[]},"
                        + "\"encoded_jit_config\":\"" + JIT + "\"}")));
        RestGitHubRunners runners = runners();

        RegistrationToken token = runners.registrationToken(SCOPE);
        JitConfig jit = runners.generateJitConfig(SCOPE, "r", 1, List.of("x"), null);

        assertThat(token.token().reveal()).isEqualTo(REGISTRATION);
        assertThat(jit.encodedConfig().reveal()).isEqualTo(JIT);
        seen.addAll(List.of(token.toString(), jit.toString(), token.token().toString(),
                TokenCredentials.fromEnvironment(Map.of("GITHUB_TOKEN", PAT)).toString()));
        assertThat(jit.encodedConfig()).isEqualTo(Secret.of(JIT)).hasSameHashCodeAs(Secret.of(JIT));
    }

    @Test
    void failuresOfTokenEndpointsPrintNoSecret() {
        RestGitHubRunners runners = runners();
        // A body that carries the secret but is not what fleet expects: the message must not quote it.
        GITHUB.stubFor(post(RUNNERS + "/registration-token").willReturn(json(201,
                "{\"token\":\"" + REGISTRATION + "\",\"expires_at\":\"" + REGISTRATION + "\"}")));
        scan(() -> runners.registrationToken(SCOPE));
        GITHUB.stubFor(post(RUNNERS + "/remove-token").willReturn(json(500,
                "{\"token\":\"" + REGISTRATION + "\",\"documentation_url\":\"" + PAT + "\"}")));
        scan(() -> runners.removeToken(SCOPE));
        GITHUB.stubFor(post(RUNNERS + "/generate-jitconfig").willReturn(json(422,
                "{\"encoded_jit_config\":\"" + JIT + "\",\"message\":\"Validation Failed\"}")));
        scan(() -> runners.generateJitConfig(SCOPE, "r", 1, List.of("x"), "w"));
        GITHUB.stubFor(get(urlPathEqualTo(RUNNERS)).willReturn(json(401, "{\"message\":\"Bad credentials\"}")));
        scan(() -> runners.listRunners(SCOPE));
        GITHUB.stubFor(get(RUNNERS + "/1").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        scan(() -> runners.getRunner(SCOPE, 1));
        GITHUB.stubFor(get(RUNNERS + "/2").willReturn(okJson("{}").withFixedDelay(1_000)));
        scan(() -> runners.getRunner(SCOPE, 2));
        GITHUB.stubFor(get(RUNNERS + "/3").willReturn(json(429, "{}").withHeader("Retry-After", "3600")));
        scan(() -> runners.getRunner(SCOPE, 3));
        GITHUB.stubFor(any(urlPathEqualTo(RUNNERS + "/4")).willReturn(json(403, "{\"message\":\"Forbidden\"}")));
        scan(() -> runners.deleteRunner(SCOPE, 4));

        assertThat(failedCalls).isEqualTo(8);
    }

    @Test
    void aWebhooksSecretGoesOnlyInTheBodiesThatSetIt() {
        Webhooks webhooks = new RestWebhooks(client(TokenCredentials.fromEnvironment(Map.of("GITHUB_TOKEN", PAT))));
        String hook = "{\"id\": 7, \"active\": true, \"events\": [\"workflow_job\"], \"config\": {\"url\": "
                + "\"https://fleet.example.com/webhook\", \"secret\": \"********\"}}";
        GITHUB.stubFor(get(urlPathEqualTo("/repos/o/r/hooks")).willReturn(okJson("[]")));
        GITHUB.stubFor(post("/repos/o/r/hooks").willReturn(json(201, hook)));
        Webhooks.Ensured created = webhooks.ensure(SCOPE, "https://fleet.example.com/webhook", Secret.of(WEBHOOK_SECRET));
        seen.add(created.toString());
        seen.add(new RestWebhooks.HookConfigRequest("u", "json", WEBHOOK_SECRET, "0").toString());
        GITHUB.stubFor(get(urlPathEqualTo("/repos/o/r/hooks")).willReturn(okJson("[" + hook + "]")));
        GITHUB.stubFor(any(urlPathEqualTo("/repos/o/r/hooks/7")).willReturn(json(500, "{}")));
        scan(() -> webhooks.ensure(SCOPE, "https://fleet.example.com/webhook", Secret.of(WEBHOOK_SECRET)));
        GITHUB.stubFor(get(urlPathEqualTo("/orgs/o/hooks")).willReturn(okJson("[]")));
        GITHUB.stubFor(post("/orgs/o/hooks").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        scan(() -> webhooks.ensure(RunnerScope.organization("o"), "https://fleet.example.com/webhook",
                Secret.of(WEBHOOK_SECRET)));

        assertThat(failedCalls).isEqualTo(2);
        assertThat(GITHUB.findAll(postRequestedFor(urlPathEqualTo("/repos/o/r/hooks"))).get(0).getBodyAsString())
                .contains("\"secret\":\"" + WEBHOOK_SECRET + "\"");
    }

    @Test
    void gitHubAppFailuresPrintNoSecret() throws IOException {
        Path key = dir.resolve("app.pem");
        Files.writeString(key, TestKeys.pkcs1Pem(TestKeys.PAIR.getPrivate()));
        AppCredentials app = new AppCredentials(5, key, 7L, null, settings(), clock, new RecordingSleeper(clock));
        GITHUB.stubFor(post("/app/installations/7/access_tokens").willReturn(json(401, "{\"message\":\"Bad JWT\"}")));
        scan(app::token);
        GITHUB.stubFor(post("/app/installations/7/access_tokens").willReturn(json(201,
                GitHubBodies.installationToken(INSTALLATION, "2026-11-23T13:00:00Z"))));
        GITHUB.stubFor(get("/repos/o/r").willReturn(json(401, "{\"message\":\"Bad credentials\"}")));
        scan(() -> client(app).get("/repos/o/r", Map.class));
        seen.add(app.toString());

        assertThat(failedCalls).isEqualTo(2);
    }
}
