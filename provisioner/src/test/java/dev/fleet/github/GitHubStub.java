package dev.fleet.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import dev.fleet.testing.MutableClock;
import java.time.Duration;
import java.util.Map;

/** A WireMock stand-in for GitHub on a free loopback port, and what tests need to talk to it. */
final class GitHubStub {
    private GitHubStub() {
    }

    static WireMockExtension server() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    }

    /** Settings for {@code apiUrl} with a short connect timeout and the given read timeout and limits. */
    static GitHubClientSettings settings(String apiUrl, Duration readTimeout, int maxRetries, Duration maxRateLimitWait) {
        return new GitHubClientSettings(URI.create(apiUrl), Duration.ofSeconds(2), readTimeout, maxRetries,
                maxRateLimitWait, "fleet/test");
    }

    /**
     * A client of {@code server} with the token "test-token", a 5 s read timeout, {@code maxRetries} and a minute's
     * rate-limit wait, whose waits move {@code clock} instead of sleeping.
     */
    static GitHubClient client(WireMockExtension server, MutableClock clock, int maxRetries) {
        return new GitHubClient(settings(server.baseUrl(), Duration.ofSeconds(5), maxRetries, Duration.ofMinutes(1)),
                TokenCredentials.fromEnvironment(Map.of("GITHUB_TOKEN", "test-token")), clock,
                new RecordingSleeper(clock));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
