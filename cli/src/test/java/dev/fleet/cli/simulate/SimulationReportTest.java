package dev.fleet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.autoscaler.sim.LowerBound;
import dev.fleet.autoscaler.sim.PolicyResult;
import dev.fleet.autoscaler.sim.SeriesPoint;
import dev.fleet.autoscaler.sim.Trigger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationReportTest {
    private static final PolicyResult REACTIVE = new PolicyResult("reactive", 120, 118, 2,
            Duration.ofSeconds(45), Duration.ofMillis(130_400), Duration.ofMillis(303_600),
            310.52, 40.2, 12, 30, List.of(new SeriesPoint(Duration.ZERO, 1, 1, 0, 0)));
    private static final PolicyResult WARM_POOL = new PolicyResult("warm-pool<2>", 120, 120, 0,
            Duration.ZERO, Duration.ofMillis(12_500), Duration.ofMinutes(1),
            402.9, 126.4, 14, 41, List.of());
    private static final LowerBound LOWER_BOUND = new LowerBound(120, 276.4);
    private static final SimulationReport.Passes POLL = new SimulationReport.Passes(Duration.ofSeconds(60),
            Trigger.POLL);

    private final SimulationReport report = new SimulationReport(POLL, List.of(REACTIVE, WARM_POOL), LOWER_BOUND);

    @Test
    void tableAlignsPoliciesAgainstTheLowerBoundAndExplainsIt() {
        assertThat(report.table()).isEqualTo("""
                passes: every 1m
                policy        jobs  served  unserved  wait p50  wait p95  wait max  VM-min  vs bound  idle VM-min  peak VMs  VMs created
                reactive       120     118         2       45s     2m10s      5m4s   310.5    +12.3%         40.2        12           30
                warm-pool<2>   120     120         0        0s       13s        1m   402.9    +45.8%        126.4        14           41
                lower bound    120       -         -        0s        0s        0s   276.4         -            -         -            -
                lower bound: every job waits 0 and pays only its run time plus one boot; no policy can reach both
                """);
    }

    @Test
    void columnsWidenToTheirLongestCell() {
        PolicyResult slow = new PolicyResult("a-very-long-policy-name", 1_000_000, 999_999, 1,
                Duration.ofHours(26), Duration.ofHours(30), Duration.ofHours(50), 1_234_567.89, 0, 1000, 123_456,
                List.of());

        assertThat(new SimulationReport(POLL, List.of(slow), new LowerBound(1_000_000, 1_000_000)).table()).isEqualTo("""
                passes: every 1m
                policy                      jobs  served  unserved  wait p50  wait p95  wait max     VM-min  vs bound  idle VM-min  peak VMs  VMs created
                a-very-long-policy-name  1000000  999999         1      1d2h      1d6h      2d2h  1234567.9    +23.5%          0.0      1000       123456
                lower bound              1000000       -         -        0s        0s        0s  1000000.0         -            -         -            -
                lower bound: every job waits 0 and pays only its run time plus one boot; no policy can reach both
                """);
    }

    @Test
    void percentageBelowTheBoundIsNegativeAndRoundingToZeroHasNoSign() {
        LowerBound bound = new LowerBound(1, 100);
        PolicyResult below = new PolicyResult("below", 1, 1, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, 90, 0, 1, 1,
                List.of());
        PolicyResult level = new PolicyResult("level", 1, 1, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, 99.96, 0, 1,
                1, List.of());

        assertThat(new SimulationReport(POLL, List.of(below, level), bound).table())
                .contains("  -10.0%  ")
                .contains("  +0.0%  ");
    }

    @Test
    void jsonHasSecondsPercentagesAndTheLowerBoundInAStableOrder() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report.json());

        assertThat(json.fieldNames()).toIterable().containsExactly("passes", "policies", "lowerBound");
        assertThat(json.get("passes").get("intervalSeconds").asDouble()).isEqualTo(60.0);
        assertThat(json.get("passes").get("trigger").asText()).isEqualTo("poll");
        JsonNode reactive = json.get("policies").get(0);
        assertThat(reactive.fieldNames()).toIterable().containsExactly("policy", "jobs", "served", "unserved",
                "waitP50Seconds", "waitP95Seconds", "waitMaxSeconds", "vmMinutes", "vmMinutesVsLowerBoundPercent",
                "idleVmMinutes", "peakVms", "vmsCreated");
        assertThat(reactive.get("policy").asText()).isEqualTo("reactive");
        assertThat(reactive.get("served").asInt()).isEqualTo(118);
        assertThat(reactive.get("unserved").asInt()).isEqualTo(2);
        assertThat(reactive.get("waitP50Seconds").asDouble()).isEqualTo(45.0);
        assertThat(reactive.get("waitP95Seconds").asDouble()).isEqualTo(130.4);
        assertThat(reactive.get("waitMaxSeconds").asDouble()).isEqualTo(303.6);
        assertThat(reactive.get("vmMinutes").asDouble()).isEqualTo(310.52);
        assertThat(reactive.get("vmMinutesVsLowerBoundPercent").asDouble()).isEqualTo(12.3);
        assertThat(reactive.get("idleVmMinutes").asDouble()).isEqualTo(40.2);
        assertThat(reactive.get("peakVms").asInt()).isEqualTo(12);
        assertThat(reactive.get("vmsCreated").asInt()).isEqualTo(30);
        assertThat(json.get("policies").get(1).get("policy").asText()).isEqualTo("warm-pool<2>");
        assertThat(json.get("policies").get(1).get("waitP95Seconds").asDouble()).isEqualTo(12.5);
        assertThat(json.get("lowerBound").fieldNames()).toIterable()
                .containsExactly("jobs", "waitSeconds", "vmMinutes", "note");
        assertThat(json.get("lowerBound").get("jobs").asInt()).isEqualTo(120);
        assertThat(json.get("lowerBound").get("waitSeconds").asInt()).isZero();
        assertThat(json.get("lowerBound").get("vmMinutes").asDouble()).isEqualTo(276.4);
        assertThat(json.get("lowerBound").get("note").asText()).isEqualTo(SimulationReport.LOWER_BOUND_NOTE);
        assertThat(report.json()).doesNotContain("series").endsWith("}\n");
    }

    @Test
    void saysWhenPassesRanWithWebhooks() throws Exception {
        SimulationReport webhooks = new SimulationReport(new SimulationReport.Passes(Duration.ofSeconds(30),
                Trigger.webhook(Duration.ofSeconds(2))), List.of(REACTIVE), LOWER_BOUND);

        assertThat(webhooks.table()).startsWith("passes: every 30s, and at each queued delivery (2s after its "
                + "event); a VM goes at its job's completed delivery\npolicy ");
        JsonNode passes = new ObjectMapper().readTree(webhooks.json()).get("passes");
        assertThat(passes.get("trigger").asText()).isEqualTo("webhook");
        assertThat(passes.get("deliveryLatencySeconds").asDouble()).isEqualTo(2.0);
    }

    @Test
    void anEmptyTraceHasNoPercentage() throws Exception {
        SimulationReport empty = new SimulationReport(POLL, List.of(new PolicyResult("reactive", 0, 0, 0, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, 0, 0, 0, 0, List.of())), new LowerBound(0, 0));

        assertThat(new ObjectMapper().readTree(empty.json()).get("policies").get(0)
                .get("vmMinutesVsLowerBoundPercent").isNull()).isTrue();
        assertThat(empty.table().lines().skip(2).findFirst()).hasValue(
                "reactive        0       0         0        0s        0s        0s     0.0         -          0.0         0            0");
    }
}
