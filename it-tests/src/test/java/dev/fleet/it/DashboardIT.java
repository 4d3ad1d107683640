package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fleet.it.cloud.FakeCloud;
import dev.fleet.it.cloud.FakeRunner;
import dev.fleet.it.cloud.SecretLedger;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The dashboard of {@code fleet serve} in a real browser: serve runs as a process on the fake cloud, headless Chromium
 * loads the page, lets its scripts run, and the test reads what a person would see (the DOM after the scripts) and
 * keeps a screenshot in {@code target/dashboard.png}.
 */
class DashboardIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PASSES_LIMIT = Duration.ofMinutes(3);
    /** Markup in text from GitHub: the page must show it as text, and no element may come of it. */
    private static final String MARKUP = "<img src=x onerror=\"document.title='run'\"> from GitHub";
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPersonSeesThePoolItsRunnersAndAChartOfItsPasses() throws Exception {
        Optional<Chromium> chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "chromium is not installed here (.ci/run installs it)");
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.arm().addResourceGroup(FakeCloud.RESOURCE_GROUP);
            ObjectNode pool = cloud.pool(Pools.CI);
            pool.putObject("scaling").put("maxRunners", 2);
            cloud.writeConfig(pool);
            cloud.github().queueJobs(3, "self-hosted", "linux");
            String serve = "http://127.0.0.1:" + FakeCloud.freePort();
            FleetProcess.Running process = FleetProcess.start(cloud.options(), "serve", "--listen",
                    serve.substring("http://".length()), "--interval", "10s");
            try {
                JsonNode twoIdle = awaitSample(serve, sample -> sample.path("runners").path("IDLE").asInt() == 2);
                String busy = cloud.github().runners().stream().map(FakeRunner::name).sorted().findFirst()
                        .orElseThrow();
                cloud.github().startJob(busy);
                awaitSample(serve, sample -> Instant.parse(sample.path("time").asText())
                        .isAfter(Instant.parse(twoIdle.path("time").asText()))
                        && sample.path("runners").path("BUSY").asInt() == 1);
                FleetProcess.Result status = cloud.fleet("github-runner", "status", "--output", "json");
                assertThat(status.exitCode()).as(status.err()).isZero();

                try (MarkupInStatus page = new MarkupInStatus(serve, status.out())) {
                    String dom = chromium.get().dumpDom(page.url());
                    SecretLedger.produced("the dashboard's DOM", dom);
                    chromium.get().screenshot(page.url(), SCREENSHOT, 1280, 900);

                    assertThat(section(dom, "problems")).as("problems shown").isEmpty();
                    assertThat(dom).containsPattern("<h3>" + Pools.CI + " <span class=\"badge good\">enabled</span>");
                    List<String> runners = cloud.github().runners().stream().map(FakeRunner::name).sorted().toList();
                    assertThat(runners).hasSize(2);
                    assertThat(cells(dom, "name")).containsExactlyInAnyOrderElementsOf(runners);
                    assertThat(section(dom, "runners")).contains(">busy</span>", ">idle</span>", ">running</td>",
                            ">online</td>", ">running a job</td>");
                    assertThat(section(dom, "pools")).contains(">queued</span>", ">in progress</span>")
                            .contains("queued jobs");
                    String chart = section(dom, "chart");
                    assertThat(chart).startsWith("<svg").contains(">" + Pools.CI + "</text>", ">queued jobs</text>",
                            ">runners</text>", ">busy runners</text>");
                    assertThat(count(chart, "<polyline")).isEqualTo(3);
                    assertThat(count(chart, "class=\"pass-mark\"")).isPositive();
                    assertThat(section(dom, "passes")).contains(">" + Pools.CI + "</td>", ">reconciled</span>");
                    assertThat(dom).contains("&lt;img src=x onerror=\"document.title='run'\"&gt; from GitHub")
                            .doesNotContain("<img").contains("<title>fleet</title>");
                    assertThat(Files.readAllBytes(SCREENSHOT)).startsWith(0x89, 'P', 'N', 'G');
                }
            } finally {
                process.terminate();
            }
        }
    }

    /** The status JSON with markup in the first pool's errors, as GitHub's text could hold it. */
    private static byte[] withMarkup(byte[] statusJson) throws IOException {
        JsonNode status = JSON.readTree(statusJson);
        ((ArrayNode) status.path("pools").get(0).path("now").path("errors")).add(MARKUP);
        return JSON.writeValueAsBytes(status);
    }

    /** Waits for a sample of {@code /api/v1/history} that {@code wanted} holds for, and returns it. */
    private JsonNode awaitSample(String serve, Predicate<JsonNode> wanted) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(PASSES_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(serve + "/api/v1/history")).build(),
                        HttpResponse.BodyHandlers.ofString());
                for (JsonNode sample : JSON.readTree(response.body()).path("samples")) {
                    if (wanted.test(sample)) {
                        return sample;
                    }
                }
            } catch (IOException notListeningYet) {
                // serve is starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no pass of serve showed what the test waits for within " + PASSES_LIMIT);
    }


    /** The inner HTML of the element with this id, as Chromium printed it. */
    private static String section(String dom, String id) {
        Matcher start = Pattern.compile("<(\\w+) id=\"" + id + "\"[^>]*>").matcher(dom);
        assertThat(start.find()).as("an element with id " + id).isTrue();
        String tag = start.group(1);
        int depth = 1;
        Matcher tags = Pattern.compile("<(/?)" + tag + "\\b[^>]*>").matcher(dom);
        tags.region(start.end(), dom.length());
        while (tags.find()) {
            depth += tags.group(1).isEmpty() ? 1 : -1;
            if (depth == 0) {
                return dom.substring(start.end(), tags.start());
            }
        }
        throw new AssertionError("element " + id + " is not closed");
    }

    private static List<String> cells(String dom, String cssClass) {
        return Pattern.compile("<td class=\"" + cssClass + "\">([^<]*)</td>").matcher(dom).results()
                .map(match -> match.group(1)).toList();
    }

    private static long count(String text, String part) {
        return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }

    /**
     * The page as serve answers it, with markup put into the status the page reads: the status serve answers, or,
     * where serve answers none, the status command's own JSON. Every other request goes to serve as it came.
     */
    private final class MarkupInStatus implements AutoCloseable {
        private final HttpServer server;
        private final String serve;
        private final byte[] commandStatus;

        MarkupInStatus(String serve, String commandStatus) throws IOException {
            this.serve = serve;
            this.commandStatus = commandStatus.getBytes(StandardCharsets.UTF_8);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::answer);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        }

        private void answer(HttpExchange exchange) throws IOException {
            try (exchange) {
                URI asked = exchange.getRequestURI();
                HttpResponse<byte[]> response = forward(asked);
                if (asked.getPath().equals("/api/v1/status")) {
                    send(exchange, 200, "application/json",
                            withMarkup(response.statusCode() == 200 ? response.body() : commandStatus));
                    return;
                }
                response.headers().firstValue("Content-Security-Policy")
                        .ifPresent(policy -> exchange.getResponseHeaders().set("Content-Security-Policy", policy));
                send(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse("text/plain"),
                        response.body());
            }
        }

        private HttpResponse<byte[]> forward(URI asked) throws IOException {
            URI there = URI.create(serve + asked.getRawPath() + (asked.getRawQuery() == null ? "" : "?"
                    + asked.getRawQuery()));
            try {
                return http.send(HttpRequest.newBuilder(there).build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        private void send(HttpExchange exchange, int code, String contentType, byte[] body) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
