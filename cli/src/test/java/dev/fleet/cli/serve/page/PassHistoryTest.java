package dev.fleet.cli.serve.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.autoscaler.ScalingDecision;
import dev.fleet.cli.command.Json;
import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.RunnerClass;
import dev.fleet.lifecycle.reconcile.PoolReport;
import dev.fleet.lifecycle.reconcile.QueueSummary;
import dev.fleet.lifecycle.reconcile.RunnerView;
import dev.fleet.testing.MutableClock;
import dev.fleet.cli.serve.ServerTesting;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PassHistoryTest {
    /** The start of a slot, so a test knows which passes share one. */
    private static final Instant START = Instant.parse("2026-12-08T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final PassHistory history = new PassHistory(clock);

    @Test
    void aPassIsASampleOfWhatItSawOfItsPool() {
        history.poolFinished(reconciled("ci", 3, 1, RunnerClass.IDLE, RunnerClass.BUSY, RunnerClass.BUSY));

        assertThat(history.since(Optional.empty()).samples()).containsExactly(new PassHistory.Sample(START, "ci",
                PoolReport.Status.RECONCILED, true, "3 jobs queued; nothing to do", 3, 1,
                Map.of(RunnerClass.IDLE, 1, RunnerClass.BUSY, 2), 1, 0));
    }

    @Test
    void thePassesOfAPoolWithinOneSlotAreOneSampleThatCountsThemAndTheFailedOnes() {
        history.poolFinished(reconciled("ci", 5, 0));
        clock.advance(Duration.ofSeconds(10));
        history.poolFinished(failed("ci", "GitHub answered 502"));
        clock.advance(Duration.ofSeconds(10));
        history.poolFinished(reconciled("ci", 2, 3, RunnerClass.BUSY));
        history.poolFinished(reconciled("other", 0, 0));

        List<PassHistory.Sample> samples = history.since(Optional.empty()).samples();

        assertThat(samples).extracting(PassHistory.Sample::pool).containsExactly("ci", "other");
        PassHistory.Sample ci = samples.get(0);
        assertThat(ci.time()).isEqualTo(START.plusSeconds(20));
        assertThat(ci.queued()).isEqualTo(2);
        assertThat(ci.passes()).isEqualTo(3);
        assertThat(ci.failed()).isEqualTo(1);
    }

    @Test
    void aPassInTheNextSlotIsASampleOfItsOwn() {
        history.poolFinished(reconciled("ci", 1, 0));
        clock.advance(PassHistory.SLOT);
        history.poolFinished(reconciled("ci", 0, 1));

        assertThat(history.since(Optional.empty()).samples()).extracting(PassHistory.Sample::queued)
                .containsExactly(1, 0);
    }

    @Test
    void aPassThatDidNotLookAtThePoolTellsNoCounts() {
        history.poolFinished(new PoolReport("ci", PoolReport.Status.LOCKED, Optional.empty(), new QueueSummary(0, 0),
                List.of(), List.of(), List.of("locked by process 4242")));
        clock.advance(PassHistory.SLOT);
        history.poolFinished(failed("ci", "Azure answered 500"));

        JsonNode samples = Json.read(Json.write(history.since(Optional.empty()))).path("samples");

        assertThat(samples).hasSize(2).allSatisfy(sample -> {
            assertThat(sample.has("queued")).isFalse();
            assertThat(sample.has("inProgress")).isFalse();
            assertThat(sample.has("runners")).isFalse();
            assertThat(sample.path("ok").asBoolean()).isFalse();
        });
        assertThat(samples.get(0).path("outcome").asText()).isEqualTo("LOCKED");
        assertThat(samples.get(1).path("summary").asText()).isEqualTo("failed: Azure answered 500");
    }

    @Test
    void aPassThatFailedAfterLookingTellsWhatItSaw() {
        PoolReport failedLate = new PoolReport("ci", PoolReport.Status.FAILED,
                Optional.of(ScalingDecision.scaleUp(0, 2, List.of(), "2 queued jobs need runners")),
                new QueueSummary(2, 0), List.of(), List.of(), List.of("Azure answered 500"));

        history.poolFinished(failedLate);

        assertThat(history.since(Optional.empty()).samples()).singleElement()
                .satisfies(sample -> assertThat(sample.queued()).isEqualTo(2))
                .satisfies(sample -> assertThat(sample.runners()).isEmpty());
    }

    @Test
    void samplesOlderThanTheWindowAreForgotten() {
        history.poolFinished(reconciled("ci", 1, 0));
        clock.advance(PassHistory.WINDOW.minus(PassHistory.SLOT));
        history.poolFinished(reconciled("ci", 2, 0));

        clock.advance(PassHistory.SLOT.plusSeconds(1));

        assertThat(history.since(Optional.empty()).samples()).extracting(PassHistory.Sample::queued)
                .containsExactly(2);
    }

    @Test
    void aBurstOfPassesOfOnePoolKeepsOneSample() {
        IntStream.range(0, 10_000).forEach(pass -> history.poolFinished(reconciled("ci", pass, 0)));

        assertThat(history.since(Optional.empty()).samples()).singleElement()
                .satisfies(sample -> assertThat(sample.passes()).isEqualTo(10_000))
                .satisfies(sample -> assertThat(sample.queued()).isEqualTo(9_999));
    }

    @Test
    void memoryIsBoundedWhateverTheNumberOfPoolsTheOldestGoingFirst() {
        int pools = PassHistory.MAX_SAMPLES + 500;
        for (int pool = 0; pool < pools; pool++) {
            history.poolFinished(reconciled("pool-" + pool, 0, 0));
            clock.advance(Duration.ofMillis(1));
        }

        List<PassHistory.Sample> samples = history.since(Optional.empty()).samples();

        assertThat(samples).hasSize(PassHistory.MAX_SAMPLES);
        assertThat(samples.get(0).pool()).isEqualTo("pool-500");
        assertThat(samples.get(samples.size() - 1).pool()).isEqualTo("pool-" + (pools - 1));
    }

    @Test
    void sinceGivesTheSamplesThatFinishedAfterIt() {
        history.poolFinished(reconciled("ci", 1, 0));
        clock.advance(Duration.ofSeconds(40));
        history.poolFinished(reconciled("ci", 2, 0));

        assertThat(history.since(Optional.of(START)).samples()).extracting(PassHistory.Sample::queued)
                .containsExactly(2);
        assertThat(history.since(Optional.of(START.plusSeconds(40))).samples()).isEmpty();
    }

    @Test
    void aLongSummaryIsCutToItsFirstCharacters() {
        history.poolFinished(failed("ci", "x".repeat(1000)));

        String summary = history.since(Optional.empty()).samples().get(0).summary();

        assertThat(summary).hasSize(PassHistory.SUMMARY_LIMIT).startsWith("failed: xxx").endsWith("x…");
    }

    @Test
    void theRouteAnswersTheHistoryAsJson() throws Exception {
        history.poolFinished(reconciled("ci", 3, 1, RunnerClass.IDLE));
        try (ServerTesting server = ServerTesting.serving("/api/v1/history", history.route())) {
            HttpResponse<String> all = server.get("/api/v1/history");
            HttpResponse<String> none = server.get("/api/v1/history?since=2026-12-08T10%3A00%3A00Z");

            assertThat(all.statusCode()).isEqualTo(200);
            assertThat(all.headers().firstValue("Content-Type")).contains("application/json");
            JsonNode body = Json.read(all.body());
            assertThat(body.path("window").asText()).isEqualTo("PT6H");
            assertThat(body.path("slot").asText()).isEqualTo("PT30S");
            JsonNode sample = body.path("samples").get(0);
            assertThat(sample.path("time").asText()).isEqualTo("2026-12-08T10:00:00Z");
            assertThat(sample.path("pool").asText()).isEqualTo("ci");
            assertThat(sample.path("outcome").asText()).isEqualTo("RECONCILED");
            assertThat(sample.path("runners").path("IDLE").asInt()).isEqualTo(1);
            assertThat(sample.path("queued").asInt()).isEqualTo(3);
            assertThat(sample.path("inProgress").asInt()).isEqualTo(1);
            assertThat(Json.read(none.body()).path("samples")).isEmpty();
        }
    }

    @Test
    void theRouteRefusesASinceThatIsNoInstant() throws Exception {
        try (ServerTesting server = ServerTesting.serving("/api/v1/history", history.route())) {
            HttpResponse<String> response = server.get("/api/v1/history?since=yesterday");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Json.read(response.body()).path("error").asText())
                    .isEqualTo("since: must be an instant such as 2026-12-08T10:00:00Z, was 'yesterday'");
        }
    }

    @Test
    void theRouteIsOnlyReadAndHasNothingBelowIt() throws Exception {
        try (ServerTesting server = ServerTesting.serving("/api/v1/history", history.route())) {
            assertThat(server.send(server.request("/api/v1/history").POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(405);
            assertThat(server.get("/api/v1/history/ci").statusCode()).isEqualTo(404);
            assertThat(server.get("/api/v1/historyx").statusCode()).isEqualTo(404);
        }
    }

    private static PoolReport reconciled(String pool, int queued, int inProgress, RunnerClass... runners) {
        List<RunnerView> views = IntStream.range(0, runners.length)
                .mapToObj(i -> new RunnerView("fleet-" + pool + "-0000000" + i, runners[i],
                        Optional.of(VmInfo.PowerState.RUNNING), Optional.of(RunnerInfo.Status.ONLINE),
                        runners[i] == RunnerClass.BUSY, Duration.ofMinutes(5)))
                .toList();
        return new PoolReport(pool, PoolReport.Status.RECONCILED,
                Optional.of(ScalingDecision.maintain(runners.length, List.of(), queued + " jobs queued")),
                new QueueSummary(queued, inProgress), views, List.of(), List.of());
    }

    private static PoolReport failed(String pool, String why) {
        return new PoolReport(pool, PoolReport.Status.FAILED, Optional.empty(), new QueueSummary(0, 0), List.of(),
                List.of(), List.of(why));
    }
}
