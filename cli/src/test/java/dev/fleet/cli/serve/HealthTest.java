package dev.fleet.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.cli.command.Json;
import dev.fleet.lifecycle.reconcile.PoolReport;
import dev.fleet.lifecycle.reconcile.QueueSummary;
import dev.fleet.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthTest {
    private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(T0);
    private final Map<String, LastPass> latest = new HashMap<>();
    private final PoolPasses passes = new PoolPasses() {
        @Override
        public void request(String pool, String why) {
            throw new AssertionError("health asks for no pass");
        }

        @Override
        public Map<String, LastPass> latest() {
            return Map.copyOf(latest);
        }
    };
    private Supplier<List<String>> pools = () -> List.of("ci", "gpu");
    private ServerTesting http;

    @AfterEach
    void tearDown() {
        if (http != null) {
            http.close();
        }
    }

    @Test
    void readyWhenEveryPoolsLastPassWentThroughRecently() throws Exception {
        passed("ci", PoolReport.Status.RECONCILED, T0);
        passed("gpu", PoolReport.Status.RECONCILED, T0.minusSeconds(170));

        HttpResponse<String> response = serve().get("/readyz");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.read(response.body());
        assertThat(body.get("ready").asBoolean()).isTrue();
        assertThat(body.get("pools").findValuesAsText("pool")).containsExactly("ci", "gpu");
        assertThat(body.get("pools").get(0).get("lastPass").asText()).isEqualTo(T0.toString());
    }

    @Test
    void notReadyBeforeAPoolsFirstPass() {
        passed("ci", PoolReport.Status.RECONCILED, T0);

        Health.Readiness readiness = health().readiness();

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.pools()).filteredOn(pool -> pool.pool().equals("gpu"))
                .singleElement().satisfies(gpu -> assertThat(gpu.why()).isEqualTo("no pass yet"));
    }

    @Test
    void notReadyWhenAPoolsLastPassFailed() throws Exception {
        pools = () -> List.of("ci");
        latest.put("ci", new LastPass(new PoolReport("ci", PoolReport.Status.FAILED, Optional.empty(),
                new QueueSummary(0, 0), List.of(), List.of(), List.of("Azure: QuotaExceeded: no cores left")), T0));

        HttpResponse<String> response = serve().get("/readyz");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("failed: Azure: QuotaExceeded: no cores left");
    }

    @Test
    void notReadyWhenNoPassWentThroughForThreeIntervals() {
        pools = () -> List.of("ci");
        passed("ci", PoolReport.Status.RECONCILED, T0);
        clock.advance(INTERVAL.multipliedBy(3).plusSeconds(1));

        Health.Readiness readiness = health().readiness();

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.pools().get(0).why()).isEqualTo("no pass went through since " + T0);
    }

    @Test
    void notReadyWhenTheConfigDoesNotLoad() throws Exception {
        pools = () -> {
            throw new IllegalStateException("config.json: pools[0].name: must match [a-z0-9-_]+");
        };

        HttpResponse<String> response = serve().get("/readyz");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(Json.read(response.body()).get("error").asText())
                .isEqualTo("config not loaded: config.json: pools[0].name: must match [a-z0-9-_]+");
    }

    @Test
    void liveWhateverThePools() throws Exception {
        HttpResponse<String> response = serve().get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    private void passed(String pool, PoolReport.Status status, Instant finished) {
        latest.put(pool, new LastPass(new PoolReport(pool, status, Optional.empty(), new QueueSummary(0, 0),
                List.of(), List.of(), List.of()), finished));
    }

    private Health health() {
        return new Health(passes, () -> pools.get(), INTERVAL, clock);
    }

    private ServerTesting serve() throws Exception {
        http = new ServerTesting();
        Health health = health();
        http.server.route("/healthz", health.live());
        http.server.route("/readyz", health.ready());
        return http.started();
    }
}
