package dev.fleet.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fleet.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The disk level of the response cache, as cron sees it: each {@link GitHubClient} here is a new process. */
class GitHubClientDiskCacheTest {
    @RegisterExtension
    static final WireMockExtension GITHUB = GitHubStub.server();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    static final String TOKEN = "test-pat-disk-0123456789abcdef";
    static final String RUNNERS = "/repos/o/r/actions/runners";
    static final String PAGE_1 = RUNNERS + "?per_page=100";
    static final String PAGE_2 = RUNNERS + "?per_page=100&page=2";

    @TempDir
    Path state;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));

    record Runner(long id, String name) {
    }

    @AfterEach
    void noSecretLogged() {
        assertThat(logs.texts()).noneMatch(text -> text.contains(TOKEN));
    }

    Path cacheDir() {
        return state.resolve("fleet").resolve(GitHubClientSettings.CACHE_FOLDER);
    }

    GitHubClient run(String token, Path cacheDir) {
        GitHubClientSettings settings = GitHubStub.settings(GITHUB.baseUrl(), Duration.ofSeconds(5), 0,
                Duration.ofMinutes(1)).withCacheDir(cacheDir);
        return new GitHubClient(settings, TokenCredentials.fromEnvironment(Map.of("GITHUB_TOKEN", token)), clock,
                new RecordingSleeper(clock));
    }

    GitHubClient run() {
        return run(TOKEN, cacheDir());
    }

    /** Two pages of runners, each with an ETag, and a 304 for a request that sends it back. */
    static void stubTwoConditionalPages() {
        GITHUB.stubFor(get(urlEqualTo(PAGE_1)).withHeader("If-None-Match", absent())
                .willReturn(okJson(GitHubBodies.runnersPage(150, 1, 100)).withHeader("ETag", "W/\"p1\"")
                        .withHeader("Link", "<" + GITHUB.baseUrl() + PAGE_2 + ">; rel=\"next\"")));
        GITHUB.stubFor(get(urlEqualTo(PAGE_2)).withHeader("If-None-Match", absent())
                .willReturn(okJson(GitHubBodies.runnersPage(150, 101, 50)).withHeader("ETag", "\"p2\"")));
        GITHUB.stubFor(get(urlEqualTo(PAGE_1)).withHeader("If-None-Match", equalTo("W/\"p1\""))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "W/\"p1\"")));
        GITHUB.stubFor(get(urlEqualTo(PAGE_2)).withHeader("If-None-Match", equalTo("\"p2\""))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"p2\"")));
    }

    static List<LoggedRequest> conditionalGets() {
        return GITHUB.findAll(getRequestedFor(urlPathEqualTo(RUNNERS))
                .withHeader("If-None-Match", equalTo("W/\"p1\"")));
    }

    @Test
    void theNextProcessSendsIfNoneMatchAndItsUnchangedPagesCostNoRateLimit() {
        stubTwoConditionalPages();
        List<Runner> cold = run().getAll(RUNNERS, "runners", Runner.class);
        GITHUB.resetRequests();

        GitHubClient next = run();
        List<Runner> steady = next.getAll(RUNNERS, "runners", Runner.class);

        assertThat(steady).hasSize(150).isEqualTo(cold);
        // The next-page link came from disk too: a 304 does not repeat it.
        GITHUB.verify(1, getRequestedFor(urlEqualTo(PAGE_1)).withHeader("If-None-Match", equalTo("W/\"p1\"")));
        GITHUB.verify(1, getRequestedFor(urlEqualTo(PAGE_2)).withHeader("If-None-Match", equalTo("\"p2\"")));
        GITHUB.verify(0, getRequestedFor(urlPathEqualTo(RUNNERS)).withHeader("If-None-Match", absent()));
        ClientStats stats = next.stats();
        assertThat(stats.requests()).isEqualTo(2);
        assertThat(stats.notModified()).isEqualTo(2);
        assertThat(stats.countedAgainstRateLimit()).isZero();
    }

    @Test
    void aDiskHitFillsMemorySoTheFileIsReadOncePerProcess() throws IOException {
        stubTwoConditionalPages();
        run().getAll(RUNNERS, "runners", Runner.class);
        GitHubClient next = run();
        next.getAll(RUNNERS, "runners", Runner.class);

        deleteEntries();
        next.getAll(RUNNERS, "runners", Runner.class);

        assertThat(next.stats().notModified()).isEqualTo(4);
        assertThat(conditionalGets()).hasSize(2);
    }

    @Test
    void anotherCredentialDoesNotReuseTheEntries() {
        stubTwoConditionalPages();
        run().getAll(RUNNERS, "runners", Runner.class);
        GITHUB.resetRequests();

        GitHubClient other = run("test-pat-of-someone-else-42", cacheDir());
        other.getAll(RUNNERS, "runners", Runner.class);

        GITHUB.verify(0, getRequestedFor(urlPathEqualTo(RUNNERS)).withHeader("If-None-Match", equalTo("W/\"p1\"")));
        GITHUB.verify(0, getRequestedFor(urlPathEqualTo(RUNNERS)).withHeader("If-None-Match", equalTo("\"p2\"")));
        assertThat(other.stats().notModified()).isZero();
    }

    @Test
    void aCorruptEntryIsAMissAndIsRewritten() throws IOException {
        stubTwoConditionalPages();
        run().getAll(RUNNERS, "runners", Runner.class);
        for (Path entry : entries()) {
            byte[] bytes = Files.readAllBytes(entry);
            bytes[bytes.length / 2] ^= 0x20;
            Files.write(entry, bytes);
        }
        GITHUB.resetRequests();

        GitHubClient damaged = run();
        assertThat(damaged.getAll(RUNNERS, "runners", Runner.class)).hasSize(150);
        GitHubClient repaired = run();
        repaired.getAll(RUNNERS, "runners", Runner.class);

        assertThat(damaged.stats().notModified()).isZero();
        assertThat(logs.texts()).anyMatch(line -> line.startsWith("ignoring HTTP cache entry "));
        assertThat(repaired.stats().notModified()).isEqualTo(2);
        assertThat(repaired.stats().countedAgainstRateLimit()).isZero();
    }

    @Test
    void entriesAreOwnerOnlyAndHoldNoTokenNorAnySecretHeaderNorTokenEndpointAnswer() throws IOException {
        stubTwoConditionalPages();
        GITHUB.stubFor(get("/repos/o/r").willReturn(okJson("{\"id\":1}").withHeader("ETag", "\"r\"")
                .withHeader("Set-Cookie", "session=cookie-secret-77")));
        GITHUB.stubFor(post("/app/installations/1/access_tokens").willReturn(
                okJson(GitHubBodies.installationToken("ghs_minted-secret-99", "2026-11-23T13:00:00Z"))
                        .withHeader("ETag", "\"t\"")));
        GitHubClient client = run();

        client.getAll(RUNNERS, "runners", Runner.class);
        client.get("/repos/o/r", Map.class);
        client.post("/app/installations/1/access_tokens", null, Map.class, Retry.SAFE_TO_REPEAT);

        assertThat(entries()).hasSize(3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDir()))).isEqualTo("rwx------");
        for (Path entry : entries()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry))).isEqualTo("rw-------");
            String content = new String(Files.readAllBytes(entry), StandardCharsets.ISO_8859_1);
            // Only ETag, next link and body: no header, so neither the request's Authorization nor a cookie.
            assertThat(content).doesNotContain(TOKEN, "cookie-secret-77", "ghs_minted-secret-99", "Bearer",
                    "Authorization", "Cookie");
        }
    }

    @Test
    void anAnswerWithoutETagDeletesTheEntry() throws IOException {
        GITHUB.stubFor(get("/repos/o/r").withHeader("If-None-Match", absent())
                .willReturn(okJson("{\"id\":1}").withHeader("ETag", "\"v1\"")));
        GITHUB.stubFor(get("/repos/o/r").withHeader("If-None-Match", equalTo("\"v1\""))
                .willReturn(okJson("{\"id\":2}")));
        run().get("/repos/o/r", Map.class);
        assertThat(entries()).hasSize(1);

        assertThat(run().get("/repos/o/r", Map.class)).isEqualTo(Map.of("id", 2));

        assertThat(entries()).isEmpty();
        GITHUB.verify(1, getRequestedFor(urlEqualTo("/repos/o/r")).withHeader("If-None-Match", equalTo("\"v1\"")));
    }

    @Test
    void withoutAFolderEveryProcessStartsCold() {
        stubTwoConditionalPages();
        run(TOKEN, null).getAll(RUNNERS, "runners", Runner.class);
        GitHubClient next = run(TOKEN, null);

        next.getAll(RUNNERS, "runners", Runner.class);
        next.getAll(RUNNERS, "runners", Runner.class);

        assertThat(next.stats().notModified()).isEqualTo(2);
        assertThat(conditionalGets()).hasSize(1);
        assertThat(state).isEmptyDirectory();
    }

    @Test
    void aFolderThatCannotBeUsedLeavesTheMemoryCacheWorking() throws IOException {
        stubTwoConditionalPages();
        Path notAFolder = Files.writeString(state.resolve("http-cache"), "a file where the folder should be");
        GitHubClient client = run(TOKEN, notAFolder);

        client.getAll(RUNNERS, "runners", Runner.class);
        client.getAll(RUNNERS, "runners", Runner.class);

        assertThat(client.stats().notModified()).isEqualTo(2);
        assertThat(logs.texts()).anyMatch(line -> line.startsWith("HTTP cache folder " + notAFolder + " is unusable"));
    }

    List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(cacheDir())) {
            return files.toList();
        }
    }

    void deleteEntries() throws IOException {
        for (Path entry : entries()) {
            Files.delete(entry);
        }
    }
}
