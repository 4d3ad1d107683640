package dev.fleet.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fleet.github.GitHubClient;
import dev.fleet.github.GitHubClientSettings;
import dev.fleet.github.Secret;
import dev.fleet.github.TokenCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * GitHub's runs and jobs endpoints on a loopback WireMock, answering like GitHub: every page carries an ETag, a
 * request with that ETag in If-None-Match gets 304, and more than one page is linked with {@code Link: rel="next"}.
 * Bodies are GitHub's own examples with only the fields the queue reads replaced.
 */
final class FakeGitHub implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode RUN = template("github/workflow-run-paginated.json").path("workflow_runs").get(0);
    private static final JsonNode JOB = template("github/job.json");
    private static final JsonNode RUNNER = template("github/runner-paginated.json").path("runners").get(0);

    final WireMockServer server;

    /** @param extensions WireMock extensions that watch or hold the requests served */
    FakeGitHub(Extension... extensions) {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().jettyAcceptors(1)
                .extensions(extensions));
        server.start();
    }

    GitHubClient client() {
        return new GitHubClient(GitHubClientSettings.defaults(URI.create(server.baseUrl()), "test"),
                new TokenCredentials(Secret.of("test-token"), "GITHUB_TOKEN"), Clock.systemUTC(), duration -> { });
    }

    /** The repository's runs with {@code status}, one page per list of ids. */
    @SafeVarargs
    final void runs(String repo, String status, List<Long>... pages) {
        paged("/repos/" + repo + "/actions/runs", Map.of("status", status), "workflow_runs",
                Stream.of(pages).map(FakeGitHub::runs).toList());
    }

    /** The run's latest jobs, one page per array. */
    void jobs(String repo, long run, ArrayNode... pages) {
        paged("/repos/" + repo + "/actions/runs/" + run + "/jobs", Map.of("filter", "latest"), "jobs", List.of(pages));
    }

    /** {@code count} online ephemeral runners of the repository, on one page. */
    void runners(String repo, int count) {
        ArrayNode runners = JSON.createArrayNode();
        for (int id = 1; id <= count; id++) {
            runners.add(((ObjectNode) RUNNER.deepCopy()).put("id", id).put("name", "fleet-" + id)
                    .put("ephemeral", true).put("busy", id % 2 == 0));
        }
        paged("/repos/" + repo + "/actions/runners", Map.of(), "runners", List.of(runners));
    }

    void notFound(String path) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}")));
    }

    static ObjectNode job(long id, long run, String status, Instant createdAt, String... labels) {
        ObjectNode job = JOB.deepCopy();
        job.put("id", id).put("run_id", run).put("status", status).put("created_at", createdAt.toString());
        job.putNull("conclusion").putNull("runner_id").putNull("runner_name");
        ArrayNode array = job.putArray("labels");
        List.of(labels).forEach(array::add);
        return job;
    }

    /** {@code job} as GitHub shows it once it gave the job to {@code runner}. */
    static ObjectNode takenBy(ObjectNode job, long runnerId, String runner) {
        return job.put("runner_id", runnerId).put("runner_name", runner);
    }

    static ArrayNode array(JsonNode... items) {
        return JSON.createArrayNode().addAll(List.of(items));
    }

    /** Requests answered with something other than 304: what GitHub counts against the rate limit. */
    static long counted(List<ServeEvent> events) {
        return events.stream().filter(event -> event.getResponse().getStatus() != 304).count();
    }

    List<ServeEvent> journal() {
        return server.getAllServeEvents();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static ArrayNode runs(List<Long> ids) {
        ArrayNode runs = JSON.createArrayNode();
        ids.forEach(id -> runs.add(((ObjectNode) RUN.deepCopy()).put("id", id)));
        return runs;
    }

    /**
     * Stubs a listing of {@code pages}, each an object with {@code total_count} and {@code field}. Stubbing a listing
     * again replaces it, as a changed answer on GitHub gets a new ETag.
     */
    private void paged(String path, Map<String, String> query, String field, List<ArrayNode> pages) {
        String listing = path + new TreeMap<>(query);
        server.removeStubsByMetadata(matchingJsonPath("$.listing", equalTo(listing)));
        Metadata metadata = Metadata.metadata().attr("listing", listing).build();
        for (int page = 1; page <= pages.size(); page++) {
            ObjectNode body = JSON.createObjectNode().put("total_count", pages.get(page - 1).size());
            body.set(field, pages.get(page - 1));
            String text = body.toString();
            String etag = "\"" + sha256(text) + "\"";
            ResponseDefinitionBuilder ok = aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withHeader("ETag", etag).withBody(text);
            if (page < pages.size()) {
                StringBuilder next = new StringBuilder(server.baseUrl() + path + "?per_page=100");
                query.forEach((name, value) -> next.append('&').append(name).append('=').append(value));
                ok.withHeader("Link", "<" + next + "&page=" + (page + 1) + ">; rel=\"next\"");
            }
            server.stubFor(page(path, query, page).withMetadata(metadata).willReturn(ok));
            server.stubFor(page(path, query, page).withHeader("If-None-Match", equalTo(etag)).atPriority(1)
                    .withMetadata(metadata).willReturn(aResponse().withStatus(304).withHeader("ETag", etag)));
        }
    }

    /** Page 1 is the URL without {@code page}, as the client asks for it; later pages are the Link's. */
    private static MappingBuilder page(String path, Map<String, String> query, int page) {
        MappingBuilder request = get(urlPathEqualTo(path))
                .withQueryParam("page", page == 1 ? absent() : equalTo(Integer.toString(page)));
        query.forEach((name, value) -> request.withQueryParam(name, equalTo(value)));
        return request;
    }

    private static JsonNode template(String resource) {
        try (InputStream in = FakeGitHub.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
