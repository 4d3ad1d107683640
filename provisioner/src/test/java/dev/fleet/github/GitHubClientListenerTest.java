package dev.fleet.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.fleet.github.GitHubStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fleet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a {@link GitHubClient} tells its {@link GitHubRequestListener}: every answer, retries included, and none. */
class GitHubClientListenerTest {
    @RegisterExtension
    static final WireMockExtension GITHUB = GitHubStub.server();

    private static final String REPO = "/repos/o/r";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final GitHubClient client = new GitHubClient(
            GitHubStub.settings(GITHUB.baseUrl(), Duration.ofSeconds(5), 3, Duration.ofMinutes(5)),
            TokenCredentials.fromEnvironment(Map.of("GITHUB_TOKEN", "test-token")), clock, new RecordingSleeper(clock),
            new GitHubRequestListener() {
                @Override
                public void answered(int status, Optional<RateLimit> rateLimit) {
                    told.add(status + rateLimit.map(limit -> " " + limit.resource() + " " + limit.remaining()
                            + "/" + limit.limit()).orElse(""));
                }

                @Override
                public void unanswered() {
                    told.add("no answer");
                }
            });

    record Repo(long id) {
    }

    @Test
    void eachAttemptOfARetriedRequestIsToldWithTheRateLimitItCarried() {
        GITHUB.stubFor(get(urlPathEqualTo(REPO)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(json(502, "{}")).willSetStateTo("up"));
        GITHUB.stubFor(get(urlPathEqualTo(REPO)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(json(200, "{\"id\":7}")
                        .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "4321")
                        .withHeader("x-ratelimit-used", "679").withHeader("x-ratelimit-reset", "1795003200")
                        .withHeader("x-ratelimit-resource", "core")));

        assertThat(client.get(REPO, Repo.class)).isEqualTo(new Repo(7));

        assertThat(told).containsExactly("502", "200 core 4321/5000");
    }

    @Test
    void aRefusalIsToldToo() {
        GITHUB.stubFor(get(urlPathEqualTo(REPO)).willReturn(json(404, "{\"message\":\"Not Found\"}")));

        assertThatThrownBy(() -> client.get(REPO, Repo.class)).isInstanceOf(GitHubException.class);

        assertThat(told).containsExactly("404");
    }

    @Test
    void aRequestThatGotNoAnswerIsToldAsSuchEachTime() {
        GITHUB.stubFor(get(urlPathEqualTo(REPO)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client.get(REPO, Repo.class)).isInstanceOf(GitHubException.class);

        assertThat(told).containsExactly("no answer", "no answer", "no answer", "no answer");
    }
}
