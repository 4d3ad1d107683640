package dev.fleet.cli.serve.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.serve.ServerTesting;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DashboardTest {
    /** The page's files as written: what the server sends must be them byte for byte, unfiltered by the build. */
    private static final Path SOURCES = Path.of("src/main/resources/dev/fleet/cli/serve/page");

    @ParameterizedTest
    @CsvSource({
        "/, index.html, text/html; charset=utf-8",
        "/page.js, page.js, text/javascript; charset=utf-8",
        "/page.css, page.css, text/css; charset=utf-8"})
    void servesEachFileOfThePageAsWritten(String path, String file, String contentType) throws Exception {
        try (ServerTesting server = ServerTesting.serving("/", new Dashboard())) {
            HttpResponse<String> response = server.get(path);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains(contentType);
            assertThat(response.body()).isEqualTo(Files.readString(SOURCES.resolve(file)));
        }
    }

    @Test
    void thePageRunsOnlyItsOwnScriptAndMayNotBeFramed() throws Exception {
        try (ServerTesting server = ServerTesting.serving("/", new Dashboard())) {
            HttpResponse<String> response = server.get("/");

            assertThat(response.headers().firstValue("Content-Security-Policy")).contains(Dashboard.CONTENT_SECURITY_POLICY);
            assertThat(Dashboard.CONTENT_SECURITY_POLICY).contains("script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    void theScriptPutsNoDataIntoMarkup() throws Exception {
        String script = Files.readString(SOURCES.resolve("page.js"));

        assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
    }

    @ParameterizedTest
    @CsvSource({"/index.html", "/favicon.ico", "/page.js/x", "/../pom.xml", "/api/v1/nothing"})
    void anyOtherPathIsNotFound(String path) throws Exception {
        try (ServerTesting server = ServerTesting.serving("/", new Dashboard())) {
            HttpResponse<String> response = server.get(path);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("not found\n");
        }
    }

    @Test
    void thePageIsOnlyRead() throws Exception {
        try (ServerTesting server = ServerTesting.serving("/", new Dashboard())) {
            HttpResponse<String> response = server.send(server.request("/").POST(HttpRequest.BodyPublishers.noBody()));

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).contains("GET");
        }
    }
}
