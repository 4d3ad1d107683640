package dev.fleet.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.fleet.github.GitHubStub.json;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fleet.github.GitHubException.Kind;
import dev.fleet.testing.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubClientTest {
    @RegisterExtension
    static final WireMockExtension GITHUB = GitHubStub.server();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    static final String TOKEN = "test-pat-0123456789abcdef";
    static final String RUNNERS = "/repos/o/r/actions/runners";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    final RecordingSleeper sleeper = new RecordingSleeper(clock);

    record Runner(long id, String name, String status, boolean busy) {
    }

    record Repo(long id, String fullName) {
    }

    @AfterEach
    void noSecretLogged() {
        assertThat(logs.texts()).noneMatch(text -> text.contains(TOKEN));
    }

    GitHubClient client() {
        return client(Duration.ofSeconds(5), 3, Duration.ofMinutes(5));
    }

    GitHubClient client(Duration readTimeout, int maxRetries, Duration maxRateLimitWait) {
        return client(URI.create(GITHUB.baseUrl()), readTimeout, maxRetries, maxRateLimitWait, tokens(TOKEN));
    }

    GitHubClient client(URI apiUrl, Duration readTimeout, int maxRetries, Duration maxRateLimitWait,
                        GitHubCredentials credentials) {
        return new GitHubClient(GitHubStub.settings(apiUrl.toString(), readTimeout, maxRetries, maxRateLimitWait),
                credentials, clock, sleeper);
    }

    static GitHubCredentials tokens(String token) {
        return TokenCredentials.fromEnvironment(Map.of("GITHUB_TOKEN", token));
    }

    /** Stubs {@code first} for the first request to {@code request} and {@code then} for every later one. */
    static void firstThen(MappingBuilder request, MappingBuilder again, ResponseDefinitionBuilder first,
                          ResponseDefinitionBuilder then) {
        GITHUB.stubFor(request.inScenario("retry").whenScenarioStateIs(STARTED).willReturn(first)
                .willSetStateTo("answered"));
        GITHUB.stubFor(again.inScenario("retry").whenScenarioStateIs("answered").willReturn(then));
    }

    @Test
    void sendsGitHubsHeadersAndMapsSnakeCaseJson() {
        GITHUB.stubFor(get(RUNNERS + "/23").willReturn(okJson(Fixtures.github("runner.json"))));

        Runner runner = client().get(RUNNERS + "/23", Runner.class);

        assertThat(runner).isEqualTo(new Runner(23, "MBP", "online", true));
        GITHUB.verify(getRequestedFor(urlEqualTo(RUNNERS + "/23"))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withHeader("User-Agent", equalTo("fleet/test"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("If-None-Match", absent()));
        assertThat(logs.texts()).anyMatch(line -> line.matches("GET /repos/o/r/actions/runners/23 -> 200 in \\d+ ms"));
    }

    @Test
    void followsLinkHeadersAcrossThreePages() {
        String base = GITHUB.baseUrl() + RUNNERS + "?per_page=100&page=";
        GITHUB.stubFor(get(urlEqualTo(RUNNERS + "?per_page=100")).willReturn(okJson(GitHubBodies.runnersPage(250, 1, 100))
                .withHeader("Link", "<" + base + "2>; rel=\"next\", <" + base + "3>; rel=\"last\"")));
        GITHUB.stubFor(get(urlEqualTo(RUNNERS + "?per_page=100&page=2")).willReturn(
                okJson(GitHubBodies.runnersPage(250, 101, 100)).withHeader("Link", "<" + base + "1>; rel=\"prev\", <"
                        + base + "3>; rel=\"next\", <" + base + "3>; rel=\"last\", <" + base + "1>; rel=\"first\"")));
        GITHUB.stubFor(get(urlEqualTo(RUNNERS + "?per_page=100&page=3")).willReturn(okJson(GitHubBodies.runnersPage(250, 201, 50))
                .withHeader("Link", "<" + base + "2>; rel=\"prev\", <" + base + "1>; rel=\"first\"")));

        List<Runner> runners = client().getAll(RUNNERS, "runners", Runner.class);

        assertThat(runners).hasSize(250);
        assertThat(runners).extracting(Runner::id).doesNotHaveDuplicates().startsWith(1L, 2L).endsWith(250L);
        GITHUB.verify(3, getRequestedFor(urlPathEqualTo(RUNNERS)));
    }

    @Test
    void keepsACallersPerPageAndReadsTopLevelArrays() {
        GITHUB.stubFor(get(urlEqualTo(RUNNERS + "/downloads?per_page=5"))
                .willReturn(okJson(Fixtures.github("runner-application-items.json"))));

        record Download(String os, String architecture, String filename) {
        }

        List<Download> items = client().getAll(RUNNERS + "/downloads?per_page=5", null, Download.class);

        assertThat(items).hasSize(5);
        assertThat(items.get(1)).isEqualTo(new Download("linux", "x64", "actions-runner-linux-x64-2.164.0.tar.gz"));
    }

    @Test
    void failsLoudlyInsteadOfReturningNothingWhenThePageHasNoItemsArray() {
        GITHUB.stubFor(get(urlPathEqualTo(RUNNERS)).willReturn(okJson(Fixtures.github("runner-paginated.json"))));

        assertThatThrownBy(() -> client().getAll(RUNNERS, "workflow_runs", Runner.class))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER))
                .hasMessage("GitHub's answer to GET /repos/o/r/actions/runners is not the JSON expected for Runner");
    }

    @Test
    void refusesToSendTheTokenToANextPageOnAnotherServer() {
        GITHUB.stubFor(get(urlPathEqualTo(RUNNERS)).willReturn(okJson(GitHubBodies.runnersPage(2, 1, 1))
                .withHeader("Link", "<https://elsewhere.example/repos/o/r/actions/runners?page=2>; rel=\"next\"")));

        assertThatThrownBy(() -> client().getAll(RUNNERS, "runners", Runner.class))
                .hasMessageContaining("points to another server");
    }

    @Test
    void stopsAPaginationThatLoops() {
        GITHUB.stubFor(get(urlPathEqualTo(RUNNERS)).willReturn(okJson(GitHubBodies.runnersPage(2, 1, 1))
                .withHeader("Link", "<" + GITHUB.baseUrl() + RUNNERS + "?per_page=100>; rel=\"next\"")));

        assertThatThrownBy(() -> client().getAll(RUNNERS, "runners", Runner.class))
                .hasMessageContaining("loops back");
    }

    @Test
    void answersA304FromTheCachedBody() {
        GITHUB.stubFor(get("/repos/o/r").withHeader("If-None-Match", absent())
                .willReturn(okJson("{\"id\":1,\"full_name\":\"o/r\"}").withHeader("ETag", "W/\"v1\"")
                        .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "4999")
                        .withHeader("x-ratelimit-used", "1").withHeader("x-ratelimit-reset", "1795003200")
                        .withHeader("x-ratelimit-resource", "core")));
        GITHUB.stubFor(get("/repos/o/r").withHeader("If-None-Match", equalTo("W/\"v1\""))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "W/\"v1\"")));
        GitHubClient client = client();

        Repo first = client.get("/repos/o/r", Repo.class);
        Repo second = client.get("/repos/o/r", Repo.class);

        assertThat(second).isEqualTo(first).isEqualTo(new Repo(1, "o/r"));
        GITHUB.verify(1, getRequestedFor(urlEqualTo("/repos/o/r")).withHeader("If-None-Match", equalTo("W/\"v1\"")));
        ClientStats stats = client.stats();
        assertThat(stats.requests()).isEqualTo(2);
        assertThat(stats.notModified()).isEqualTo(1);
        assertThat(stats.countedAgainstRateLimit()).isEqualTo(1);
        assertThat(stats.lastRateLimit())
                .isEqualTo(new RateLimit(5000, 4999, 1, Instant.ofEpochSecond(1795003200), "core"));
    }

    @Test
    void forgetsACachedBodyOnceAnAnswerComesWithoutETag() {
        GITHUB.stubFor(get("/repos/o/r").withHeader("If-None-Match", absent())
                .willReturn(okJson("{\"id\":1,\"full_name\":\"o/r\"}").withHeader("ETag", "\"v1\"")));
        GITHUB.stubFor(get("/repos/o/r").withHeader("If-None-Match", equalTo("\"v1\""))
                .willReturn(okJson("{\"id\":1,\"full_name\":\"o/renamed\"}")));
        GitHubClient client = client();

        client.get("/repos/o/r", Repo.class);
        assertThat(client.get("/repos/o/r", Repo.class).fullName()).isEqualTo("o/renamed");
        client.get("/repos/o/r", Repo.class);

        GITHUB.verify(1, getRequestedFor(urlEqualTo("/repos/o/r")).withHeader("If-None-Match", equalTo("\"v1\"")));
        GITHUB.verify(2, getRequestedFor(urlEqualTo("/repos/o/r")).withHeader("If-None-Match", absent()));
    }

    @Test
    void aCachedPageStillLeadsToTheNextOne() {
        String next = GITHUB.baseUrl() + RUNNERS + "?per_page=100&page=2";
        GITHUB.stubFor(get(urlEqualTo(RUNNERS + "?per_page=100")).withHeader("If-None-Match", absent())
                .willReturn(okJson(GitHubBodies.runnersPage(150, 1, 100)).withHeader("ETag", "\"p1\"")
                        .withHeader("Link", "<" + next + ">; rel=\"next\"")));
        GITHUB.stubFor(get(urlEqualTo(RUNNERS + "?per_page=100&page=2")).withHeader("If-None-Match", absent())
                .willReturn(okJson(GitHubBodies.runnersPage(150, 101, 50)).withHeader("ETag", "\"p2\"")));
        GITHUB.stubFor(get(urlPathEqualTo(RUNNERS)).withHeader("If-None-Match", equalTo("\"p1\""))
                .willReturn(aResponse().withStatus(304)));
        GITHUB.stubFor(get(urlPathEqualTo(RUNNERS)).withHeader("If-None-Match", equalTo("\"p2\""))
                .willReturn(aResponse().withStatus(304)));
        GitHubClient client = client();

        List<Runner> cold = client.getAll(RUNNERS, "runners", Runner.class);
        List<Runner> warm = client.getAll(RUNNERS, "runners", Runner.class);

        assertThat(warm).hasSize(150).isEqualTo(cold);
        assertThat(client.stats().notModified()).isEqualTo(2);
    }

    @Test
    void neverServesOneTokensCachedAnswerToAnother() {
        String[] current = {"token-of-alice-0001"};
        GitHubCredentials switching = new GitHubCredentials() {
            @Override
            public String token() {
                return current[0];
            }

            @Override
            public void invalidate() {
            }

            @Override
            public String source() {
                return "test";
            }
        };
        GITHUB.stubFor(get("/repos/o/r").willReturn(okJson("{\"id\":1,\"full_name\":\"o/r\"}").withHeader("ETag", "\"a\"")));
        GitHubClient client = client(URI.create(GITHUB.baseUrl()), Duration.ofSeconds(5), 0, Duration.ofMinutes(1),
                switching);

        client.get("/repos/o/r", Repo.class);
        current[0] = "token-of-bob-0002";
        client.get("/repos/o/r", Repo.class);

        GITHUB.verify(0, getRequestedFor(urlEqualTo("/repos/o/r")).withHeader("If-None-Match", equalTo("\"a\"")));
    }

    @Test
    void retriesA502AndSucceeds() {
        firstThen(get("/repos/o/r"), get("/repos/o/r"), json(502, "{\"message\":\"Server Error\"}"),
                okJson("{\"id\":1,\"full_name\":\"o/r\"}"));
        GitHubClient client = client();

        assertThat(client.get("/repos/o/r", Repo.class)).isEqualTo(new Repo(1, "o/r"));

        GITHUB.verify(2, getRequestedFor(urlEqualTo("/repos/o/r")));
        assertThat(sleeper.waits).singleElement()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ZERO, Backoff.BASE));
        assertThat(client.stats().retries()).isEqualTo(1);
    }

    @Test
    void givesUpOnServerErrorsAfterMaxRetriesWithGrowingJitteredWaits() {
        GITHUB.stubFor(get("/repos/o/r").willReturn(json(503, "{\"message\":\"Unavailable\"}")));

        GitHubException e = catchThrowableOfType(GitHubException.class, () -> client().get("/repos/o/r", Repo.class));

        assertThat(e.kind()).isEqualTo(Kind.SERVER);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e).hasMessage("GitHub failed GET /repos/o/r with 503 after 4 attempts; try again later"
                + " (GitHub says: Unavailable)");
        GITHUB.verify(4, getRequestedFor(urlEqualTo("/repos/o/r")));
        assertThat(sleeper.waits).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(sleeper.waits.get(i)).isBetween(Duration.ZERO, Backoff.BASE.multipliedBy(1L << i));
        }
    }

    @Test
    void honoursRetryAfterOnA429() {
        firstThen(get("/repos/o/r"), get("/repos/o/r"),
                json(429, "{\"message\":\"You have exceeded a secondary rate limit.\"}").withHeader("Retry-After", "7"),
                okJson("{\"id\":1,\"full_name\":\"o/r\"}"));
        GitHubClient client = client();

        client.get("/repos/o/r", Repo.class);

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(logs.texts()).contains("GitHub rate limit on GET /repos/o/r: waiting 7 s");
        assertThat(client.stats().rateLimited()).isEqualTo(1);
    }

    @Test
    void waitsAtLeastAMinuteOnASecondaryLimitWithoutRetryAfter() {
        firstThen(get("/repos/o/r"), get("/repos/o/r"),
                json(403, "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes.\"}"),
                okJson("{\"id\":1,\"full_name\":\"o/r\"}"));

        client().get("/repos/o/r", Repo.class);

        assertThat(sleeper.waits).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void waitsForThePrimaryLimitToReset() {
        long reset = clock.instant().plusSeconds(120).getEpochSecond();
        firstThen(get("/repos/o/r"), get("/repos/o/r"), primaryLimitHit(reset), okJson("{\"id\":1,\"full_name\":\"o/r\"}"));
        GitHubClient client = client();

        client.get("/repos/o/r", Repo.class);

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(121));
        assertThat(client.stats().rateLimited()).isEqualTo(1);
    }

    @Test
    void failsClearlyWhenThePrimaryLimitResetsLaterThanItMayWait() {
        Instant reset = clock.instant().plus(Duration.ofHours(1));
        GITHUB.stubFor(get("/repos/o/r").willReturn(primaryLimitHit(reset.getEpochSecond())));

        GitHubException e = catchThrowableOfType(GitHubException.class,
                () -> client(Duration.ofSeconds(5), 3, Duration.ofMinutes(5)).get("/repos/o/r", Repo.class));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.status()).isEqualTo(403);
        assertThat(e).hasMessage("GitHub's rate limit blocks GET /repos/o/r until " + reset.plusSeconds(1)
                + ", longer than fleet may wait (300 s); try again after then, or use a GitHub App for a higher limit");
        assertThat(sleeper.waits).isEmpty();
        GITHUB.verify(1, getRequestedFor(urlEqualTo("/repos/o/r")));
    }

    @Test
    void aServerThatAlwaysSaysRetryAfterZeroCannotHoldACallForever() {
        GITHUB.stubFor(get("/repos/o/r").willReturn(json(429, "{}").withHeader("Retry-After", "0")));

        assertThatThrownBy(() -> client().get("/repos/o/r", Repo.class))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED));
        GITHUB.verify(GitHubClient.MAX_RATE_LIMIT_WAITS + 1, getRequestedFor(urlEqualTo("/repos/o/r")));
    }

    static ResponseDefinitionBuilder primaryLimitHit(long resetEpochSecond) {
        return json(403, "{\"message\":\"API rate limit exceeded for user ID 1.\"}")
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-used", "5000").withHeader("x-ratelimit-reset", Long.toString(resetEpochSecond))
                .withHeader("x-ratelimit-resource", "core");
    }

    @Test
    void doesNotRetryARejectedTokenAndSaysWhichOne() {
        GITHUB.stubFor(get("/repos/o/r").willReturn(json(401, "{\"message\":\"Bad credentials\"}")));

        GitHubException e = catchThrowableOfType(GitHubException.class, () -> client().get("/repos/o/r", Repo.class));

        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e).hasMessage("GitHub rejected the token from GITHUB_TOKEN (401): set a valid token");
        GITHUB.verify(1, getRequestedFor(urlEqualTo("/repos/o/r")));
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void namesTheRepositoryGitHubCannotFind() {
        GITHUB.stubFor(get(urlPathEqualTo(RUNNERS)).willReturn(json(404, "{\"message\":\"Not Found\"}")));

        GitHubException e = catchThrowableOfType(GitHubException.class,
                () -> client().getAll(RUNNERS, "runners", Runner.class));

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e).hasMessage("GitHub says repository o/r does not exist or the token cannot see it"
                + " (GET /repos/o/r/actions/runners: 404)");
        GITHUB.verify(1, getRequestedFor(urlPathEqualTo(RUNNERS)));
    }

    @Test
    void doesNotRetryAMissingPermission() {
        GITHUB.stubFor(get("/orgs/acme/actions/runners")
                .willReturn(json(403, "{\"message\":\"Resource not accessible by personal access token\"}")));

        GitHubException e = catchThrowableOfType(GitHubException.class,
                () -> client().get("/orgs/acme/actions/runners", Repo.class));

        assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
        assertThat(e).hasMessage("GitHub refused GET /orgs/acme/actions/runners (403): the token from GITHUB_TOKEN"
                + " lacks a permission on organization acme; runners need organization permission Self-hosted runners:"
                + " write (classic scope: admin:org) (GitHub says: Resource not accessible by personal access token)");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void retriesAReadTimeoutThenFailsAsNetwork() {
        GITHUB.stubFor(get("/repos/o/r").willReturn(okJson("{}").withFixedDelay(1_000)));

        GitHubClient client = client(Duration.ofMillis(100), 2, Duration.ofMinutes(1));

        GitHubException e = catchThrowableOfType(GitHubException.class, () -> client.get("/repos/o/r", Repo.class));

        assertThat(e.kind()).isEqualTo(Kind.NETWORK);
        assertThat(e.status()).isZero();
        assertThat(e.getCause()).isInstanceOf(SocketTimeoutException.class);
        assertThat(e.getMessage()).startsWith("no answer from GitHub at localhost to GET /repos/o/r after 3 attempts")
                .endsWith("check the network and the GitHub API URL");
        // The client's own count: WireMock journals a delayed request only once its answer is sent, which can be
        // after the client gave up on the last attempt.
        assertThat(client.stats().requests()).isEqualTo(3);
        assertThat(sleeper.waits).hasSize(2);
    }

    @Test
    void reportsARefusedConnectionAsNetwork() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        GitHubClient client = client(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(1), 1,
                Duration.ofMinutes(1), tokens(TOKEN));

        assertThatThrownBy(() -> client.get("/repos/o/r", Repo.class))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NETWORK));
        assertThat(client.stats().requests()).isEqualTo(2);
    }

    @Test
    void postsSnakeCaseJsonAndRetriesOnlyWhenARepeatIsHarmless() {
        record Request(String name, long runnerGroupId, String workFolder) {
        }
        firstThen(post("/harmless"), post("/harmless"), json(502, "{}"), json(201, "{\"id\":5,\"full_name\":\"x\"}"));
        GitHubClient client = client();

        Repo created = client.post("/harmless", new Request("n", 3, null), Repo.class, Retry.SAFE_TO_REPEAT);

        assertThat(created).isEqualTo(new Repo(5, "x"));
        GITHUB.verify(2, postRequestedFor(urlEqualTo("/harmless"))
                .withRequestBody(equalToJson("{\"name\":\"n\",\"runner_group_id\":3}")));
    }

    @Test
    void neverRepeatsAPostThatCouldActTwice() {
        GITHUB.stubFor(post("/once").willReturn(json(502, "{}")));

        assertThatThrownBy(() -> client().post("/once", null, Repo.class, Retry.NEVER))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER))
                .hasMessageContaining("after 1 attempt;");
        GITHUB.verify(1, postRequestedFor(urlEqualTo("/once")));
    }

    @Test
    void resendsEvenAOnceOnlyPostAfterARateLimitBecauseGitHubDidNotActOnIt() {
        firstThen(post("/once"), post("/once"), json(429, "{}").withHeader("Retry-After", "1"), json(204, ""));

        assertThat(client().post("/once", null, Void.class, Retry.NEVER)).isNull();
        GITHUB.verify(2, postRequestedFor(urlEqualTo("/once")));
    }

    @Test
    void mapsDeleteAnswersToOutcomes() {
        GITHUB.stubFor(delete(RUNNERS + "/1").willReturn(aResponse().withStatus(204)));
        GITHUB.stubFor(delete(RUNNERS + "/2").willReturn(json(404, "{\"message\":\"Not Found\"}")));
        GITHUB.stubFor(delete(RUNNERS + "/3").willReturn(json(422, "{\"message\":\"Bad request - Runner \\\"x\\\" is"
                + " still running a job\\\"\"}")));
        GITHUB.stubFor(delete(RUNNERS + "/4").willReturn(json(403, "{\"message\":\"Must have admin rights\"}")));
        GitHubClient client = client();

        assertThat(client.delete(RUNNERS + "/1")).isEqualTo(DeleteOutcome.DELETED);
        assertThat(client.delete(RUNNERS + "/2")).isEqualTo(DeleteOutcome.NOT_FOUND);
        assertThat(client.delete(RUNNERS + "/3")).isEqualTo(DeleteOutcome.REFUSED_BUSY);
        assertThatThrownBy(() -> client.delete(RUNNERS + "/4"))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN));
        GITHUB.verify(1, deleteRequestedFor(urlEqualTo(RUNNERS + "/3")));
    }

    @Test
    void reportsOther4xxAsInvalidWithGitHubsMessage() {
        GITHUB.stubFor(post("/repos/o/r/x").willReturn(json(409, "{\"message\":\"Already exists\"}")));

        assertThatThrownBy(() -> client().post("/repos/o/r/x", Map.of(), Repo.class, Retry.SAFE_TO_REPEAT))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
                .hasMessage("GitHub rejected POST /repos/o/r/x (409) (GitHub says: Already exists)");
    }

    @Test
    void saysWhenAnAnswerIsNotTheExpectedJson() {
        GITHUB.stubFor(get("/repos/o/r").willReturn(okJson("<html>proxy login</html>")));

        assertThatThrownBy(() -> client().get("/repos/o/r", Repo.class))
                .isInstanceOfSatisfying(GitHubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.SERVER);
                    assertThat(e.getCause()).isNull();
                })
                .hasMessage("GitHub's answer to GET /repos/o/r is not the JSON expected for Repo");
    }

    @Test
    void worksBelowAGitHubEnterpriseServerPathAndNamesPathsWithoutIt() {
        GITHUB.stubFor(get("/api/v3/repos/o/r/actions/runners/9").willReturn(json(404, "{\"message\":\"Not Found\"}")));
        GitHubClient client = client(URI.create(GITHUB.baseUrl() + "/api/v3/"), Duration.ofSeconds(5), 0,
                Duration.ofMinutes(1), tokens(TOKEN));

        assertThatThrownBy(() -> client.get(RUNNERS + "/9", Runner.class))
                .hasMessage("GitHub says repository o/r does not exist or the token cannot see it"
                        + " (GET /repos/o/r/actions/runners/9: 404)");
    }

    @Test
    void stopsWaitingWhenInterrupted() {
        GITHUB.stubFor(get("/repos/o/r").willReturn(json(500, "{}")));
        GitHubClient client = new GitHubClient(
                GitHubStub.settings(GITHUB.baseUrl(), Duration.ofSeconds(1), 3, Duration.ofMinutes(1)),
                tokens(TOKEN), clock, duration -> {
                    throw new InterruptedException();
                });

        try {
            assertThatThrownBy(() -> client.get("/repos/o/r", Repo.class))
                    .hasMessage("interrupted while waiting to retry GET /repos/o/r");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void rejectsAPathWithoutLeadingSlash() {
        assertThatThrownBy(() -> client().get("repos/o/r", Repo.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
