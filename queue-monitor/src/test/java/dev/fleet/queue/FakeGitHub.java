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
import java.util.function.Consumer;
import java.util.function.IntFunction;

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

    final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().jettyAcceptors(1));

    FakeGitHub() {
        server.start();
    }

    GitHubClient client() {
        return new GitHubClient(GitHubClientSettings.defaults(URI.create(server.baseUrl()), "test"),
                new TokenCredentials(Secret.of("test-token"), "GITHUB_TOKEN"), Clock.systemUTC(), duration -> { });
    }

    /** The repository's runs with {@code status}, one page per list of ids. */
    @SafeVarargs
    final void runs(String repo, String status, List<Long>... pages) {
        String path = "/repos/" + repo + "/actions/runs";
        paged(path, request -> request.withQueryParam("status", equalTo(status)), "&status=" + status, "workflow_runs",
                pages.length, page -> runs(pages[page]));
    }

    /** The run's latest jobs, one page per array. */
    void jobs(String repo, long run, ArrayNode... pages) {
        String path = "/repos/" + repo + "/actions/runs/" + run + "/jobs";
        paged(path, request -> request.withQueryParam("filter", equalTo("latest")), "&filter=latest", "jobs",
                pages.length, page -> pages[page]);
    }

    /** {@code count} online ephemeral runners of the repository, on one page. */
    void runners(String repo, int count) {
        ArrayNode runners = JSON.createArrayNode();
        for (int id = 1; id <= count; id++) {
            runners.add(((ObjectNode) RUNNER.deepCopy()).put("id", id).put("name", "fleet-" + id)
                    .put("ephemeral", true).put("busy", id % 2 == 0));
        }
        paged("/repos/" + repo + "/actions/runners", request -> { }, "", "runners", 1, page -> runners);
    }

    void notFound(String path) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}")));
    }

    static ObjectNode job(long id, long run, String status, Instant createdAt, String... labels) {
        ObjectNode job = JOB.deepCopy();
        job.put("id", id).put("run_id", run).put("status", status).put("created_at", createdAt.toString());
        job.putNull("conclusion");
        ArrayNode array = job.putArray("labels");
        List.of(labels).forEach(array::add);
        return job;
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

    private void paged(String path, Consumer<MappingBuilder> query, String linkQuery, String field, int pages,
                       IntFunction<ArrayNode> items) {
        // Stubbing a listing again replaces it, as GitHub's answer changes with its ETag.
        String listing = path + linkQuery;
        server.removeStubsByMetadata(matchingJsonPath("$.listing", equalTo(listing)));
        for (int page = 0; page < pages; page++) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode pageItems = items.apply(page);
            body.put("total_count", pageItems.size());
            body.set(field, pageItems);
            String text = body.toString();
            String etag = "\"" + sha256(text) + "\"";
            ResponseDefinitionBuilder ok = aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withHeader("ETag", etag).withBody(text);
            if (page + 1 < pages) {
                ok.withHeader("Link", "<" + server.baseUrl() + path + "?per_page=100" + linkQuery + "&page="
                        + (page + 2) + ">; rel=\"next\"");
            }
            Metadata metadata = Metadata.metadata().attr("listing", listing).build();
            server.stubFor(page(path, query, page).withMetadata(metadata).willReturn(ok));
            server.stubFor(page(path, query, page).withHeader("If-None-Match", equalTo(etag)).atPriority(1)
                    .withMetadata(metadata).willReturn(aResponse().withStatus(304).withHeader("ETag", etag)));
        }
    }

    private static MappingBuilder page(String path, Consumer<MappingBuilder> query, int page) {
        MappingBuilder request = get(urlPathEqualTo(path))
                .withQueryParam("page", page == 0 ? absent() : equalTo(Integer.toString(page + 1)));
        query.accept(request);
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
