package dev.fleet.cli.serve.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.cli.serve.HttpExchanges;
import dev.fleet.cli.serve.RunnerRemoval;
import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.azure.SerialConsole;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.RunnerClass;
import dev.fleet.lifecycle.reconcile.RunnerView;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The API's routes, auth and errors over real HTTP, with fleet, the scheduler and runner removal faked. */
class ApiTest {
    private static final String TOKEN = "s3cr3t-api-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeFleet fleet = new FakeFleet();
    private final RecordingPasses recording = new RecordingPasses();
    private final List<String> passes = recording.requests;
    private final Map<String, RunnerRemoval.Removal> removals = new HashMap<>();
    private final List<String> removed = Collections.synchronizedList(new ArrayList<>());
    private final List<HttpResponse<String>> answers = new ArrayList<>();
    private final Logger log = (Logger) LoggerFactory.getLogger("dev.fleet");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Level level = log.getLevel();
    private ApiServer server;

    @BeforeEach
    void listen() {
        log.setLevel(Level.INFO);
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        log.detachAppender(logged);
        log.setLevel(level);
        // Whatever was asked, no answer or log line gives the token back.
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.body()).doesNotContain(TOKEN);
            assertThat(answer.headers().map().toString()).doesNotContain(TOKEN);
        });
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(line -> line.contains(TOKEN));
    }

    @Test
    void onLoopbackReadingNeedsNoToken() throws IOException {
        serve(Map.of(ApiToken.VARIABLE, TOKEN), true);

        HttpResponse<String> status = get("/api/v1/status");

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(status.body()).path("pools").get(0).path("pool").asText()).isEqualTo("ci");
    }

    @Test
    void changesNeedTheTokenEvenOnLoopback() throws IOException {
        serve(Map.of(ApiToken.VARIABLE, TOKEN), true);

        HttpResponse<String> missing = send("POST", "/api/v1/pools/ci/reconcile", null, null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"fleet\"");
        assertThat(error(missing)).isEqualTo("this route needs 'Authorization: Bearer <token>' with the token "
                + "FLEET_API_TOKEN holds");

        HttpResponse<String> wrong = send("POST", "/api/v1/pools/ci/reconcile", null, TOKEN + "x");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"fleet\", error=\"invalid_token\"");
        assertThat(error(wrong)).isEqualTo("the bearer token is not the one FLEET_API_TOKEN holds");
        assertThat(send("DELETE", "/api/v1/runners/fleet-ci-1", null, "").statusCode()).isEqualTo(401);
        assertThat(passes).isEmpty();
        assertThat(removed).isEmpty();

        HttpResponse<String> right = send("POST", "/api/v1/pools/ci/reconcile", null, TOKEN);
        assertThat(right.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(right.body()).path("message").asText()).isEqualTo("a pass of pool ci is on its way");
        assertThat(passes).containsExactly("ci: a request through the API");
    }

    @Test
    void withoutATokenChangesAreOffAndSaySoButReadingWorks() throws IOException {
        serve(Map.of(ApiToken.VARIABLE, " "), true);

        HttpResponse<String> scale = send("POST", "/api/v1/pools/ci/scale", "{\"count\": 2}", "anything");

        assertThat(scale.statusCode()).isEqualTo(403);
        assertThat(error(scale)).isEqualTo("changes through the API are off: set FLEET_API_TOKEN in the environment "
                + "of 'fleet serve' and send it as 'Authorization: Bearer <token>'");
        assertThat(fleet.scales).isEmpty();
        assertThat(get("/api/v1/pools").statusCode()).isEqualTo(200);
    }

    @Test
    void offLoopbackEveryRouteNeedsTheTokenAndUnknownOnesAreNotToldApart() throws IOException {
        serve(Map.of(ApiToken.VARIABLE, TOKEN), false);

        for (String path : List.of("/api/v1/status", "/api/v1/pools/ci", "/api/v1/openapi.json", "/api/v1/nothing")) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(path).isPresent();
        }
        assertThat(send("GET", "/api/v1/status", null, "wrong").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/status", null, TOKEN).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/nothing", null, TOKEN).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/pools/ci/reconcile", null, TOKEN).statusCode()).isEqualTo(202);
    }

    /** /readyz and the other routes beside the API are behind the same token off loopback; /healthz is not. */
    @Test
    void theTokenGuardsOtherRoutesOffLoopbackOnly() {
        serve(Map.of(ApiToken.VARIABLE, TOKEN), false);
        server.route("/readyz", ApiToken.of(Map.of(ApiToken.VARIABLE, TOKEN), false)
                .reading(exchange -> HttpExchanges.text(exchange, 200, "ready")));
        server.route("/here", ApiToken.of(Map.of(), true)
                .reading(exchange -> HttpExchanges.text(exchange, 200, "here")));

        assertThat(get("/readyz").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/readyz", null, TOKEN).body()).isEqualTo("ready\n");
        assertThat(get("/here").body()).isEqualTo("here\n");
    }

    @Test
    void offLoopbackWithoutATokenThereIsNoApi() {
        assertThatThrownBy(() -> ApiToken.of(Map.of(), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("set FLEET_API_TOKEN to serve the API beyond this machine, or listen on 127.0.0.1");
        assertThat(ApiToken.of(Map.of(ApiToken.VARIABLE, TOKEN), false).toString()).doesNotContain(TOKEN);
    }

    @Test
    void anUnknownRouteIs404AndAKnownPathWithAnotherMethod405WithAllow() throws IOException {
        serve(Map.of(ApiToken.VARIABLE, TOKEN), true);

        HttpResponse<String> unknown = get("/api/v1/pool");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown)).isEqualTo("no route GET /api/v1/pool; GET /api/v1/openapi.json lists them");
        assertThat(get("/api/v1/status/").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/runners/fleet-ci-1/logs/more").statusCode()).isEqualTo(404);

        HttpResponse<String> post = send("POST", "/api/v1/status", "{}", TOKEN);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        assertThat(error(post)).isEqualTo("/api/v1/status answers GET, not POST");
        HttpResponse<String> getRunner = get("/api/v1/runners/fleet-ci-1");
        assertThat(getRunner.statusCode()).isEqualTo(405);
        assertThat(getRunner.headers().firstValue("Allow")).hasValue("DELETE");
        assertThat(send("PUT", "/api/v1/pools/ci", "{}", TOKEN).headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void anUnknownPoolIs404NamingThePools() throws IOException {
        serve(Map.of(ApiToken.VARIABLE, TOKEN), true);

        for (HttpResponse<String> answer : List.of(get("/api/v1/pools/cpu"),
                send("POST", "/api/v1/pools/cpu/scale", "{\"count\": 1}", TOKEN),
                send("POST", "/api/v1/pools/cpu/reconcile", null, TOKEN))) {
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(error(answer)).isEqualTo("no pool named cpu; pools: ci, gpu");
        }
        assertThat(fleet.scales).isEmpty();
        assertThat(passes).isEmpty();
        assertThat(JSON.readTree(get("/api/v1/pools/ci").body()).path("pool").asText()).isEqualTo("ci");
    }

    @Test
    void scaleTakesACountOrAutoAndAsksForAPassWhenItChangedSomething() throws IOException {
        serve(Map.of(ApiToken.VARIABLE, TOKEN), true);

        HttpResponse<String> count = send("POST", "/api/v1/pools/ci/scale", "{\"count\": 3}", TOKEN);
        assertThat(count.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(count.body())).isEqualTo(JSON.readTree(
                "{\"pool\": \"ci\", \"changed\": true, \"message\": \"pool ci now keeps 3 runners\"}"));
        HttpResponse<String> same = send("POST", "/api/v1/pools/ci/scale", "{\"count\": 3}", TOKEN);
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(same.body()).path("changed").asBoolean()).isFalse();
        assertThat(send("POST", "/api/v1/pools/ci/scale", "{\"auto\": true}", TOKEN).statusCode()).isEqualTo(202);

        assertThat(fleet.scales).containsExactly("ci 3", "ci 3", "ci auto");
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .contains("pool ci: pool ci now keeps 3 runners, through the API");
        assertThat(passes).containsExactly("ci: a scale through the API", "ci: a scale through the API");
    }

    @Test
    void aScaleBodyThatSaysNoSizeIs400NamingTheFieldAndChangesNothing() throws IOException {
        serve(Map.of(ApiToken.VARIABLE, TOKEN), true);
        Map<String, String> bad = Map.of(
                "{\"count\": 3", "body: not JSON at line 1, column 12: Unexpected end-of-input: expected close "
                        + "marker for Object",
                "", "body: empty; send {\"count\": N} or {\"auto\": true}",
                "[3]", "body: must be a JSON object, {\"count\": N} or {\"auto\": true}",
                "{\"count\": \"3\"}", "count: must be a whole number of runners, was \"3\"",
                "{\"count\": 2.5}", "count: must be a whole number of runners, was 2.5",
                "{\"count\": 9999999999}", "count: must be a whole number of runners, was 9999999999",
                "{\"auto\": false}", "auto: must be true (to hand the pool back to its scaling policy), was false",
                "{\"count\": 1, \"auto\": true}", "body: takes count or auto, not both",
                "{\"size\": 1}", "size: unknown field; the body takes count or auto",
                "{}", "body: must hold count (a number of runners) or auto (true)");

        for (Map.Entry<String, String> body : bad.entrySet()) {
            HttpResponse<String> answer = send("POST", "/api/v1/pools/ci/scale", body.getKey(), TOKEN);
            assertThat(answer.statusCode()).as(body.getKey()).isEqualTo(400);
            assertThat(error(answer)).as(body.getKey()).isEqualTo(body.getValue());
        }
        HttpResponse<String> refused = send("POST", "/api/v1/pools/ci/scale", "{\"count\": 5}", TOKEN);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(error(refused)).isEqualTo("pools[ci].manualSize: must be between 0 and scaling.maxRunners (4), "
                + "was 5");

        assertThat(fleet.scales).containsExactly("ci 5");
        assertThat(passes).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIs413AndNotRead() {
        serve(Map.of(ApiToken.VARIABLE, TOKEN), true);

        HttpResponse<String> answer = send("POST", "/api/v1/pools/ci/scale",
                "{\"count\": 1" + " ".repeat(Api.BODY_LIMIT) + "}", TOKEN);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(fleet.scales).isEmpty();
    }

    @Test
    void removingARunnerAnswersByHowItWent() throws IOException {
        serve(Map.of(ApiToken.VARIABLE, TOKEN), true);
        removals.put("fleet-ci-1", new RunnerRemoval.Removal(RunnerRemoval.Status.REMOVED, "ci", "removed"));
        removals.put("fleet-ci-2", new RunnerRemoval.Removal(RunnerRemoval.Status.BUSY, "ci", "runs job 7"));
        removals.put("fleet-ci-3", new RunnerRemoval.Removal(RunnerRemoval.Status.FAILED, "ci", "Azure said no"));

        HttpResponse<String> done = send("DELETE", "/api/v1/runners/fleet-ci-1", null, TOKEN);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(done.body())).isEqualTo(JSON.readTree(
                "{\"status\": \"REMOVED\", \"pool\": \"ci\", \"message\": \"removed\"}"));
        assertThat(send("DELETE", "/api/v1/runners/fleet-ci-2", null, TOKEN).statusCode()).isEqualTo(409);
        assertThat(send("DELETE", "/api/v1/runners/fleet-ci-2?force=true", null, TOKEN).statusCode()).isEqualTo(409);
        assertThat(send("DELETE", "/api/v1/runners/fleet-ci-3?force=false", null, TOKEN).statusCode()).isEqualTo(502);
        assertThat(send("DELETE", "/api/v1/runners/nobody", null, TOKEN).statusCode()).isEqualTo(404);

        HttpResponse<String> maybe = send("DELETE", "/api/v1/runners/fleet-ci-1?force=maybe", null, TOKEN);
        assertThat(maybe.statusCode()).isEqualTo(400);
        assertThat(error(maybe)).isEqualTo("force: must be true or false, was 'maybe'");
        HttpResponse<String> other = send("DELETE", "/api/v1/runners/fleet-ci-1?now=1", null, TOKEN);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(error(other)).isEqualTo("now: unknown query parameter; this route takes force");

        assertThat(removed).containsExactly("fleet-ci-1 false", "fleet-ci-2 false", "fleet-ci-2 true",
                "fleet-ci-3 false", "nobody false");
    }

    @Test
    void logsAreTheSerialConsoleAsTextOrWhyThereIsNone() throws IOException {
        serve(Map.of(ApiToken.VARIABLE, TOKEN), true);
        fleet.consoles.put("fleet-ci-1", new SerialConsole.Log("[    0.0] Linux\nlogin:"));
        fleet.consoles.put("fleet-ci-2", new SerialConsole.Unavailable("VM fleet-ci-2 is gone from Azure"));
        fleet.consoles.put("fleet-ci-3", new SerialConsole.Failed("Azure refused: Throttled"));

        HttpResponse<String> log = get("/api/v1/runners/fleet-ci-1/logs");
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(log.body()).isEqualTo("[    0.0] Linux\nlogin:\n");
        HttpResponse<String> gone = get("/api/v1/runners/fleet-ci-2/logs");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(error(gone)).isEqualTo("VM fleet-ci-2 is gone from Azure");
        assertThat(get("/api/v1/runners/fleet-ci-3/logs").statusCode()).isEqualTo(502);
        HttpResponse<String> nobody = get("/api/v1/runners/nobody/logs");
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(error(nobody)).isEqualTo("no pool of the config has a VM named nobody");
    }

    @Test
    void runnersCarryTheirPool() throws IOException {
        serve(Map.of(), true);

        JsonNode runners = JSON.readTree(get("/api/v1/runners").body()).path("runners");

        assertThat(runners).hasSize(1);
        assertThat(runners.get(0).path("pool").asText()).isEqualTo("ci");
        assertThat(runners.get(0).path("name").asText()).isEqualTo("fleet-ci-1");
        assertThat(runners.get(0).path("vm").asText()).isEqualTo("RUNNING");
        assertThat(runners.get(0).path("age").asText()).isEqualTo("PT3M");
    }

    /** The description and the router list the same routes: neither has one the other lacks. */
    @Test
    void openApiDescribesEveryRouteAndNothingElse() throws IOException {
        serve(Map.of(), true);
        Api api = new Api(fleet, new RecordingPasses(), (name, force) -> null, ApiToken.of(Map.of(), true));

        HttpResponse<String> answer = get("/api/v1/openapi.json");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode openApi = JSON.readTree(answer.body());
        assertThat(openApi.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(openApi.path("servers").get(0).path("url").asText()).isEqualTo(Api.PREFIX);
        Set<String> described = new TreeSet<>();
        openApi.path("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (!method.equals("parameters")) {
                described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertThat(described).isEqualTo(new TreeSet<>(api.routes()));
        // Changes say they need the token; reading says it may not.
        openApi.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            boolean changing = Set.of("post", "delete").contains(operation.getKey());
            if (!operation.getKey().equals("parameters")) {
                assertThat(operation.getValue().has("security")).as(operation.getKey() + " " + path.getKey())
                        .isEqualTo(changing);
            }
        }));
    }

    private void serve(Map<String, String> env, boolean loopback) {
        server = new ApiServer(new Api(fleet, recording, (name, force) -> {
            removed.add(name + " " + force);
            return removals.getOrDefault(name, new RunnerRemoval.Removal(RunnerRemoval.Status.NOT_FOUND, null,
                    "no runner named " + name));
        }, ApiToken.of(env, loopback)));
    }

    private HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    private HttpResponse<String> send(String method, String path, String body, String token) {
        HttpResponse<String> answer = server.send(method, path, body, token);
        answers.add(answer);
        return answer;
    }

    private static String error(HttpResponse<String> answer) throws IOException {
        return JSON.readTree(answer.body()).path("error").asText();
    }

    /** Two pools, ci (at most 4 runners, one running) and gpu, in the values the commands would print. */
    private static final class FakeFleet implements FleetAccess {
        final List<String> scales = Collections.synchronizedList(new ArrayList<>());
        final Map<String, SerialConsole> consoles = new HashMap<>();
        private Integer size;

        @Override
        public List<String> poolNames() {
            return List.of("ci", "gpu");
        }

        @Override
        public Object status() {
            return Map.of("pools", List.of(Map.of("pool", "ci"), Map.of("pool", "gpu")));
        }

        @Override
        public Optional<Object> pool(String name) {
            return poolNames().contains(name) ? Optional.of(Map.of("pool", name)) : Optional.empty();
        }

        @Override
        public Object pools() {
            return Map.of("pools", List.of(Map.of("name", "ci"), Map.of("name", "gpu")));
        }

        @Override
        public List<PoolRunner> runners() {
            return List.of(new PoolRunner("ci", new RunnerView("fleet-ci-1", RunnerClass.values()[0],
                    Optional.of(VmInfo.PowerState.RUNNING), Optional.of(RunnerInfo.Status.ONLINE), false,
                    Duration.ofMinutes(3))));
        }

        @Override
        public synchronized Scaled scale(String pool, OptionalInt count) {
            scales.add(pool + " " + (count.isPresent() ? count.getAsInt() : "auto"));
            if (count.isPresent() && count.getAsInt() > 4) {
                throw new Refused("pools[" + pool + "].manualSize: must be between 0 and scaling.maxRunners (4), was "
                        + count.getAsInt());
            }
            Integer next = count.isPresent() ? count.getAsInt() : null;
            boolean changed = !Objects.equals(size, next);
            size = next;
            return new Scaled(pool, changed, "pool " + pool + (changed ? " now " : " already ")
                    + (next == null ? "autoscales" : "keeps " + next + " runners"));
        }

        @Override
        public Optional<SerialConsole> serialConsole(String runner) {
            return Optional.ofNullable(consoles.get(runner));
        }
    }
}
