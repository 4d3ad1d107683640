package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The credential-free demo from the README, run the way a newcomer runs it. */
class SimulateIT {

    private static JsonNode policy(JsonNode report, String name) {
        return StreamSupport.stream(report.get("policies").spliterator(), false)
                .filter(node -> node.get("policy").asText().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void onTheBusyMonorepoFleetWaitsLessThanBothReferencesAndCostsNoMoreThanTenPercentOverTheBaseline()
            throws Exception {
        FleetProcess.Result result = FleetProcess.run(Map.of(), "simulate", "--trace",
                "examples/traces/busy-monorepo.csv", "--policy", "azlin,min-idle,fleet", "--output", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(result.out());
        JsonNode azlin = policy(report, "azlin");
        JsonNode minIdle = policy(report, "min-idle");
        JsonNode fleet = policy(report, "fleet");

        assertThat(fleet.get("unserved").asInt()).isZero();
        assertThat(fleet.get("waitP95Seconds").asDouble()).isLessThan(azlin.get("waitP95Seconds").asDouble());
        assertThat(fleet.get("vmMinutes").asDouble()).isLessThanOrEqualTo(1.10 * azlin.get("vmMinutes").asDouble());
        assertThat(fleet.get("waitP95Seconds").asDouble())
                .isLessThanOrEqualTo(minIdle.get("waitP95Seconds").asDouble());
        assertThat(fleet.get("vmMinutes").asDouble()).isLessThan(minIdle.get("vmMinutes").asDouble());
    }

    @Test
    void theReadmeDemoPrintsATableWithTheLowerBound() throws Exception {
        FleetProcess.Result result = FleetProcess.run(Map.of(), "simulate", "--trace",
                "examples/traces/busy-monorepo.csv", "--policy", "azlin,min-idle,fleet");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).anyMatch(line -> line.startsWith("fleet "))
                .anyMatch(line -> line.startsWith("lower bound "));
    }

    @Test
    void aBadTraceLineExitsTwoNamingTheFileAndLine() throws Exception {
        java.nio.file.Path trace = java.nio.file.Files.createTempFile("trace", ".csv");
        java.nio.file.Files.writeString(trace, "queued_at_s,duration_s,labels\n0,60,linux\nsoon,60,linux\n");

        FleetProcess.Result result = FleetProcess.run(Map.of(), "simulate", "--trace", trace.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("fleet: " + trace + ":3: queued_at_s");
        assertThat(result.out()).isEmpty();
        java.nio.file.Files.delete(trace);
    }
}
