package dev.fleet.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fleet.config.GitHubSettings;
import dev.fleet.github.GitHubException.Kind;
import dev.fleet.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppCredentialsTest {
    @RegisterExtension
    static final WireMockExtension GITHUB = GitHubStub.server();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    static final long APP_ID = 123;
    static final String TOKEN_A = "ghs_installation_token_AAAA";
    static final String TOKEN_B = "ghs_installation_token_BBBB";
    static final String ACCESS_TOKENS = "/app/installations/42/access_tokens";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    final RecordingSleeper sleeper = new RecordingSleeper(clock);
    final List<String> secretsSeen = new ArrayList<>(List.of(TOKEN_A, TOKEN_B));

    @AfterEach
    void noSecretLogged() {
        GITHUB.findAll(postRequestedFor(urlPathEqualTo(ACCESS_TOKENS)))
                .forEach(request -> secretsSeen.add(request.getHeader("Authorization").substring("Bearer ".length())));
        assertThat(logs.texts()).noneMatch(text -> secretsSeen.stream().anyMatch(text::contains));
    }

    GitHubClientSettings settings() {
        return GitHubStub.settings(GITHUB.baseUrl(), Duration.ofSeconds(5), 2, Duration.ofMinutes(5));
    }

    Path keyFile(String pem) throws IOException {
        Path file = dir.resolve("app.pem");
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        return file;
    }

    AppCredentials app(Long installationId, RunnerScope installedOn) throws IOException {
        return new AppCredentials(APP_ID, keyFile(TestKeys.pkcs1Pem(TestKeys.PAIR.getPrivate())), installationId,
                installedOn, settings(), clock, sleeper);
    }

    void stubTokens(String first, String then) {
        GITHUB.stubFor(post(ACCESS_TOKENS).inScenario("tokens").whenScenarioStateIs(STARTED)
                .willReturn(tokenResponse(first, clock.instant().plus(Duration.ofHours(1)))).willSetStateTo("second"));
        GITHUB.stubFor(post(ACCESS_TOKENS).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(tokenResponse(then, clock.instant().plus(Duration.ofHours(2)))));
    }

    static ResponseDefinitionBuilder tokenResponse(String token, Instant expires) {
        return GitHubStub.json(201, GitHubBodies.installationToken(token, expires.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkcs1", "pkcs8"})
    void signsAJwtGitHubCanVerifyWithTheAppsPublicKey(String format) throws Exception {
        String pem = format.equals("pkcs1") ? TestKeys.pkcs1Pem(TestKeys.PAIR.getPrivate())
                : TestKeys.pkcs8Pem(TestKeys.PAIR.getPrivate());
        stubTokens(TOKEN_A, TOKEN_B);
        AppCredentials app = new AppCredentials(APP_ID, keyFile(pem), 42L, null, settings(), clock, sleeper);

        assertThat(app.token()).isEqualTo(TOKEN_A);

        LoggedRequest exchange = GITHUB.findAll(postRequestedFor(urlEqualTo(ACCESS_TOKENS))).get(0);
        String[] jwt = exchange.getHeader("Authorization").substring("Bearer ".length()).split("\\.");
        assertThat(jwt).hasSize(3);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(TestKeys.PAIR.getPublic());
        rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
        JsonNode header = GitHubBodies.tree(new String(Base64.getUrlDecoder().decode(jwt[0]), StandardCharsets.UTF_8));
        JsonNode claims = GitHubBodies.tree(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("iss").asText()).isEqualTo("123");
        assertThat(claims.get("iat").asLong()).isEqualTo(clock.instant().getEpochSecond() - 60);
        assertThat(claims.get("exp").asLong()).isEqualTo(clock.instant().getEpochSecond() + 9 * 60);
    }

    @Test
    void findsTheInstallationOfARepositoryWithTheJwt() throws IOException {
        GITHUB.stubFor(get("/repos/o/r/installation").willReturn(okJson(
                "{\"id\":42,\"account\":{\"login\":\"o\",\"id\":1},\"app_id\":123,\"target_type\":\"Organization\"}")));
        stubTokens(TOKEN_A, TOKEN_B);

        assertThat(app(null, RunnerScope.repository("o/r")).token()).isEqualTo(TOKEN_A);

        GITHUB.verify(getRequestedFor(urlEqualTo("/repos/o/r/installation"))
                .withHeader("Authorization", matching("Bearer eyJ[^.]+\\.[^.]+\\.[^.]+")));
    }

    @Test
    void findsTheInstallationOfAnOrganization() throws IOException {
        GITHUB.stubFor(get("/orgs/acme/installation").willReturn(okJson("{\"id\":42,\"app_id\":123}")));
        stubTokens(TOKEN_A, TOKEN_B);
        AppCredentials app = app(null, RunnerScope.organization("acme"));

        app.token();
        app.invalidate();
        app.token();

        GITHUB.verify(1, getRequestedFor(urlEqualTo("/orgs/acme/installation")));
        assertThat(app.stats().requests()).isEqualTo(3);
    }

    @Test
    void saysWhenTheAppIsNotInstalledWhereItLooks() throws IOException {
        GITHUB.stubFor(get("/repos/o/elsewhere/installation").willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"Not Found\"}")));
        AppCredentials app = app(null, RunnerScope.repository("o/elsewhere"));

        assertThatThrownBy(app::token)
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessage("GitHub App 123 is not installed on o/elsewhere (or it does not exist): install the App"
                        + " there, or set github.app.installationId");
    }

    @Test
    void keepsTheInstallationTokenUntilFiveMinutesBeforeItExpires() throws IOException {
        stubTokens(TOKEN_A, TOKEN_B);
        AppCredentials app = app(42L, null);

        assertThat(app.token()).isEqualTo(TOKEN_A);
        clock.advance(Duration.ofMinutes(54));
        assertThat(app.token()).isEqualTo(TOKEN_A);
        GITHUB.verify(1, postRequestedFor(urlEqualTo(ACCESS_TOKENS)));

        clock.advance(Duration.ofMinutes(1));
        assertThat(app.token()).isEqualTo(TOKEN_B);
        GITHUB.verify(2, postRequestedFor(urlEqualTo(ACCESS_TOKENS)));
    }

    @Test
    void aRejectedInstallationTokenIsReplacedAndTheCallTriedOnceMore() throws IOException {
        stubTokens(TOKEN_A, TOKEN_B);
        GITHUB.stubFor(get(urlPathEqualTo("/repos/o/r/actions/runners")).withHeader("Authorization",
                equalTo("Bearer " + TOKEN_A)).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"Bad credentials\"}")));
        GITHUB.stubFor(get(urlPathEqualTo("/repos/o/r/actions/runners")).withHeader("Authorization",
                equalTo("Bearer " + TOKEN_B)).willReturn(okJson(Fixtures.github("runner-paginated.json"))));
        GitHubClient client = new GitHubClient(settings(), app(42L, null), clock, sleeper);

        List<RunnerInfo> runners = new RestGitHubRunners(client, clock).listRunners(RunnerScope.repository("o/r"));

        assertThat(runners).extracting(RunnerInfo::name).containsExactly("linux_runner", "mac_runner");
        GITHUB.verify(2, postRequestedFor(urlEqualTo(ACCESS_TOKENS)));
        assertThat(client.stats().retries()).isEqualTo(1);
    }

    @Test
    void aSecond401IsReportedNotRetriedForever() throws IOException {
        stubTokens(TOKEN_A, TOKEN_B);
        GITHUB.stubFor(get("/repos/o/r").willReturn(aResponse().withStatus(401)));
        GitHubClient client = new GitHubClient(settings(), app(42L, null), clock, sleeper);

        GitHubException e = catchThrowableOfType(GitHubException.class, () -> client.get("/repos/o/r", Map.class));

        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e).hasMessage("GitHub rejected the token from GitHub App 123 (401): set a valid token");
        GITHUB.verify(2, getRequestedFor(urlEqualTo("/repos/o/r")));
    }

    @Test
    void aRejectedJwtNamesTheAppAndItsKeyFile() throws IOException {
        GITHUB.stubFor(post(ACCESS_TOKENS).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"A JSON web token could not be decoded\"}")));
        AppCredentials app = app(42L, null);

        assertThatThrownBy(app::token)
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED))
                .hasMessage("GitHub rejected the token from GitHub App 123 (JWT signed with " + dir.resolve("app.pem")
                        + ") (401): set a valid token");
    }

    @Test
    void saysWhichKeyFileCannotBeRead() throws IOException {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> new AppCredentials(APP_ID, missing, 42L, null, settings()))
                .isInstanceOfSatisfying(GitHubException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.MISSING_CREDENTIALS))
                .hasMessage("cannot read the GitHub App private key " + missing + " (NoSuchFileException): set"
                        + " github.app.privateKeyPath to the .pem file GitHub generated for the App");

        String notAKey = "-----BEGIN CERTIFICATE-----\nc2VjcmV0LWJ1dC1ub3QtYS1rZXk=\n-----END CERTIFICATE-----\n";
        Path certificate = keyFile(notAKey);
        assertThatThrownBy(() -> new AppCredentials(APP_ID, certificate, 42L, null, settings()))
                .hasMessageContaining("not an unencrypted RSA private key in PEM")
                .hasMessageNotContaining("c2VjcmV0");

        Path broken = keyFile("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> new AppCredentials(APP_ID, broken, 42L, null, settings()))
                .hasMessageContaining("the PEM block is not a readable RSA private key");
    }

    @Test
    void needsAnInstallationIdOrAPlaceToFindIt() {
        assertThatThrownBy(() -> app(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConfigChoosesTheCredentials() throws IOException {
        Path key = keyFile(TestKeys.pkcs8Pem(TestKeys.PAIR.getPrivate()));
        Map<String, String> env = Map.of("GITHUB_TOKEN", "ghp-like-test-value");
        RunnerScope scope = RunnerScope.repository("o/r");

        assertThat(GitHubCredentials.fromConfig(GitHubSettings.DEFAULTS, env, scope, settings()))
                .isInstanceOf(TokenCredentials.class)
                .hasToString("TokenCredentials[GITHUB_TOKEN]");
        GitHubSettings app = new GitHubSettings(null, GitHubSettings.AuthMode.APP,
                new GitHubSettings.App(APP_ID, key.toString(), null));
        assertThat(GitHubCredentials.fromConfig(app, env, scope, settings()))
                .isInstanceOf(AppCredentials.class)
                .hasToString("AppCredentials[GitHub App 123]")
                .satisfies(credentials -> assertThat(credentials.identity()).isEqualTo("github-app:123:o/r"));
        GitHubSettings incomplete = new GitHubSettings(null, GitHubSettings.AuthMode.APP, null);
        assertThatThrownBy(() -> GitHubCredentials.fromConfig(incomplete, env, scope, settings()))
                .hasMessage("github.auth is app: set github.app.appId and github.app.privateKeyPath");
    }

    @Test
    void aMissingTokenSaysWhatToSet() {
        assertThatThrownBy(() -> TokenCredentials.fromEnvironment(Map.of("GITHUB_TOKEN", " ")))
                .isInstanceOfSatisfying(GitHubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.MISSING_CREDENTIALS);
                    assertThat(e.status()).isZero();
                })
                .hasMessage("set GITHUB_TOKEN, or configure a GitHub App (github.auth: app)");
    }
}
