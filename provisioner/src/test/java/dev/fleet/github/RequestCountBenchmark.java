package dev.fleet.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How many requests a reconcile-shaped sequence costs, cold and in steady state (same process, new process), against
 * a WireMock GitHub that answers conditional requests like GitHub does (ETag on every GET, 304 when unchanged).
 *
 * <p>The sequence, per pass: list the runners of a repository with 150 runners (two pages at per_page=100), then
 * the jobs of each of 20 active workflow runs ({@code /actions/runs/{id}/jobs?filter=latest}, one page each).
 * Nothing changes between passes, so the steady state is all 304s, within one process and, through the on-disk
 * cache, in the next one (cron starts a new process every pass). Extend {@link #pass} when reconcile grows.
 *
 * <p>Run: {@code mvn -B -q -pl provisioner -am -Pbench test-compile}
 */
public final class RequestCountBenchmark {
    static final String REPO = "/repos/octo-org/octo-repo";
    static final int RUNNERS = 150;
    static final int ACTIVE_RUNS = 20;

    private RequestCountBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        WireMockServer github = new WireMockServer(wireMockConfig().dynamicPort());
        github.start();
        Path cacheDir = Files.createTempDirectory("fleet-bench-http-cache");
        try {
            stubGitHub(github);
            GitHubClientSettings settings = GitHubClientSettings.defaults(URI.create(github.baseUrl()), "bench")
                    .withCacheDir(cacheDir);
            System.out.printf("%-36s %9s %6s %23s%n", "pass", "requests", "304s", "counted against limit");
            GitHubClient first = client(settings);
            measure("cold", first);
            measure("steady, same process", first);
            // What cron does: a new JVM, so a new client; only the folder carries over.
            measure("steady, new process, same cache dir", client(settings));
            measure("steady, new process, memory only", client(settings.withCacheDir(null)));
        } finally {
            github.stop();
            try (Stream<Path> files = Files.walk(cacheDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static GitHubClient client(GitHubClientSettings settings) {
        return new GitHubClient(settings, new TokenCredentials(Secret.of("benchmark-token"), "benchmark"));
    }

    /** Runs one pass and prints what it cost {@code client}. */
    private static void measure(String name, GitHubClient client) {
        ClientStats before = client.stats();
        pass(client);
        ClientStats after = client.stats();
        System.out.printf("%-36s %9d %6d %23d%n", name, after.requests() - before.requests(),
                after.notModified() - before.notModified(),
                after.countedAgainstRateLimit() - before.countedAgainstRateLimit());
    }

    /** One reconcile pass's GitHub reads. */
    static void pass(GitHubClient client) {
        client.getAll(REPO + "/actions/runners", "runners", Map.class);
        for (int run = 1; run <= ACTIVE_RUNS; run++) {
            client.getAll(REPO + "/actions/runs/" + run + "/jobs?filter=latest", "jobs", Map.class);
        }
    }

    private static void stubGitHub(WireMockServer github) {
        String runners = REPO + "/actions/runners?per_page=100";
        conditional(github, runners, "runners-1", okJson(GitHubBodies.runnersPage(RUNNERS, 1, 100))
                .withHeader("Link", "<" + github.baseUrl() + runners + "&page=2>; rel=\"next\""));
        conditional(github, runners + "&page=2", "runners-2", okJson(GitHubBodies.runnersPage(RUNNERS, 101, 50)));
        for (int run = 1; run <= ACTIVE_RUNS; run++) {
            conditional(github, REPO + "/actions/runs/" + run + "/jobs?filter=latest&per_page=100", "jobs-" + run,
                    okJson(GitHubBodies.jobsPage(2, run * 10L, 2)));
        }
    }

    /** 200 with an ETag the first time; 304 to a request that sends that ETag back. */
    private static void conditional(WireMockServer github, String url, String tag, ResponseDefinitionBuilder ok) {
        String etag = "\"" + tag + "\"";
        github.stubFor(get(urlEqualTo(url)).withHeader("If-None-Match", absent()).willReturn(ok.withHeader("ETag", etag)));
        github.stubFor(get(urlEqualTo(url)).withHeader("If-None-Match", equalTo(etag))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", etag)));
    }
}
