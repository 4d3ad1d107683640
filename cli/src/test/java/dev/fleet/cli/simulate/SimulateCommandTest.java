package dev.fleet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.cli.Fleet;
import dev.fleet.cli.command.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    /** Two jobs the default pool takes, one it cannot (gpu), and a gpu-only job: four lines, two pools of interest. */
    private static final String TRACE = """
            queued_at_s,duration_s,labels
            0,600,self-hosted;linux;x64
            0,300,self-hosted
            30,120,self-hosted;linux;x64;gpu
            45,60,gpu
            """;

    /** What a config with pools needs besides them. */
    private static final String AZURE = """
            "azure": {"subscriptionId": "00000000-0000-0000-0000-000000000000", "resourceGroup": "fleet-rg",
                      "location": "westeurope"},
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int fleet(String... args) {
        return Fleet.commandLine(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("HOME", dir.resolve("home").toString())).execute(args);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out.toString());
    }

    private static JsonNode policy(JsonNode report, String name) {
        return StreamSupport.stream(report.get("policies").spliterator(), false)
                .filter(node -> node.get("policy").asText().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void comparesTheSeedsBaselineGarmsShapeAndFleetSideBySideByDefault() throws IOException {
        Path trace = write("trace.csv", TRACE);

        assertThat(fleet("simulate", "--trace", trace.toString())).isEqualTo(ExitCode.OK);

        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("passes: every 1m");
        assertThat(lines.get(1)).startsWith("policy").contains("wait p95").contains("VM-min");
        assertThat(lines).extracting(line -> line.split(" +")[0]).containsSubsequence("azlin", "min-idle", "fleet");
        assertThat(lines).anyMatch(line -> line.startsWith("lower bound"));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void fleetStartsARunnerPerQueuedJobAtTheFirstReconcileWhileTheBaselineStarvesThem() throws IOException {
        Path trace = write("trace.csv", TRACE);

        assertThat(fleet("simulate", "--trace", trace.toString(), "--boot", "30s", "--output", "json"))
                .isEqualTo(ExitCode.OK);

        JsonNode report = json();
        JsonNode fleet = policy(report, "fleet");
        assertThat(fleet.get("jobs").asInt()).isEqualTo(2);
        assertThat(fleet.get("waitMaxSeconds").asDouble()).isEqualTo(30.0);
        // Each VM is billed until the pass after its job ends deletes it: 0 to 360 s and 0 to 660 s.
        assertThat(fleet.get("vmMinutes").asDouble()).isEqualTo(17.0);
        JsonNode azlin = policy(report, "azlin");
        assertThat(azlin.get("unserved").asInt()).isEqualTo(2);
        assertThat(report.get("lowerBound").get("vmMinutes").asDouble()).isEqualTo(16.0);
    }

    @Test
    void takesThePoolsLabelsAndLimitsFromAConfigFile() throws IOException {
        Path trace = write("trace.csv", TRACE);
        Path config = write("config.json", """
                {""" + AZURE + """
                 "pools": [
                  {"name": "gpu", "repo": "octo/app", "labels": ["gpu"], "noDefaultLabels": true,
                   "scaling": {"maxRunners": 3, "policy": "fleet"}},
                  {"name": "ci", "repo": "octo/app"}
                ]}
                """);

        assertThat(fleet("simulate", "--trace", trace.toString(), "--pool-config", config.toString(), "--pool", "gpu",
                "--policy", "fleet", "-o", "json")).isEqualTo(ExitCode.OK);

        assertThat(policy(json(), "fleet").get("jobs").asInt()).isEqualTo(1);
    }

    @Test
    void writesAChartThatIsWellFormedSvg() throws Exception {
        Path trace = write("trace.csv", TRACE);
        Path chart = dir.resolve("chart.svg");

        assertThat(fleet("simulate", "--trace", trace.toString(), "--policy", "fleet,fleet:5m", "--chart",
                chart.toString())).isEqualTo(ExitCode.OK);

        var svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(chart.toFile());
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(Files.readString(chart)).contains(">fleet<").contains(">fleet:5m<");
    }

    @Test
    void drawsBootTimesFromAnObservedDistribution() throws IOException {
        Path trace = write("trace.csv", TRACE);
        Path boots = write("boots.txt", "# observed in westeurope\n45s\n\n45\n");

        assertThat(fleet("simulate", "--trace", trace.toString(), "--boot-dist", boots.toString(), "--policy", "fleet",
                "-o", "json")).isEqualTo(ExitCode.OK);

        assertThat(policy(json(), "fleet").get("waitMaxSeconds").asDouble()).isEqualTo(45.0);
    }

    private void assertBadInput(String message, String... args) {
        assertThat(fleet(args)).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).startsWith("fleet: ").contains(message);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void needsATrace() {
        assertBadInput("--trace is required", "simulate");
    }

    @Test
    void namesAMissingTraceFile() {
        assertBadInput("--trace: " + dir.resolve("nope.csv") + " does not exist",
                "simulate", "--trace", dir.resolve("nope.csv").toString());
    }

    @Test
    void namesTheAllowedPolicies() throws IOException {
        Path trace = write("trace.csv", TRACE);
        assertBadInput("--policy: 'greedy' is not a scaling policy; use one of azlin, fleet, min-idle",
                "simulate", "--trace", trace.toString(), "--policy", "azlin,greedy");
    }

    @Test
    void rejectsADurationItCannotRead() throws IOException {
        Path trace = write("trace.csv", TRACE);
        assertBadInput("--interval", "simulate", "--trace", trace.toString(), "--interval", "soon");
    }

    @Test
    void takesEitherAFixedBootOrADistribution() throws IOException {
        Path trace = write("trace.csv", TRACE);
        Path boots = write("boots.txt", "45s\n");
        assertBadInput("mutually exclusive", "simulate", "--trace", trace.toString(), "--boot", "30s", "--boot-dist",
                boots.toString());
    }

    @Test
    void namesTheLineOfABadBootTime() throws IOException {
        Path trace = write("trace.csv", TRACE);
        Path boots = write("boots.txt", "45s\nquick\n");
        assertBadInput(boots + ":2: 'quick' is not a duration", "simulate", "--trace", trace.toString(),
                "--boot-dist", boots.toString());
    }

    @Test
    void refusesAnEmptyBootDistribution() throws IOException {
        Path trace = write("trace.csv", TRACE);
        Path boots = write("boots.txt", "# nothing measured yet\n");
        assertBadInput("holds no boot times", "simulate", "--trace", trace.toString(), "--boot-dist",
                boots.toString());
    }

    @Test
    void namesAMissingBootDistribution() throws IOException {
        Path trace = write("trace.csv", TRACE);
        assertBadInput("--boot-dist: " + dir.resolve("boots.txt") + " does not exist", "simulate", "--trace",
                trace.toString(), "--boot-dist", dir.resolve("boots.txt").toString());
    }

    @Test
    void asksWhichPoolWhenTheConfigHasSeveral() throws IOException {
        Path trace = write("trace.csv", TRACE);
        Path config = write("config.json", """
                {""" + AZURE + """
                 "pools": [{"name": "a", "repo": "octo/a"}, {"name": "b", "repo": "octo/b"}]}
                """);
        assertBadInput("has 2 pools; name one of a, b", "simulate", "--trace", trace.toString(), "--pool-config",
                config.toString());
    }

    @Test
    void namesThePoolsAConfigHasWhenAskedForAnother() throws IOException {
        Path trace = write("trace.csv", TRACE);
        Path config = write("config.json", "{" + AZURE + "\"pools\": [{\"name\": \"a\", \"repo\": \"octo/a\"}]}");
        assertBadInput("has no pool 'c'; it has a", "simulate", "--trace", trace.toString(), "--pool-config",
                config.toString(), "--pool", "c");
    }

    @Test
    void aPoolNeedsAConfigFile() throws IOException {
        Path trace = write("trace.csv", TRACE);
        assertBadInput("--pool: needs --pool-config", "simulate", "--trace", trace.toString(), "--pool", "ci");
    }

    @Test
    void reportsEveryProblemOfABadPoolConfig() throws IOException {
        Path trace = write("trace.csv", TRACE);
        Path config = write("config.json", "{\"pools\": [{\"name\": \"ci\", \"repo\": \"octo app\"}]}");
        assertBadInput("pools[ci].repo", "simulate", "--trace", trace.toString(), "--pool-config", config.toString());
    }

    @Test
    void webhookDeliveriesStartTheRunnerAJobQueuedAfterAPassWouldWaitForAndBillItsVmUntilTheCompletedOne()
            throws IOException {
        Path trace = write("trace.csv", """
                queued_at_s,duration_s,labels
                61,300,self-hosted
                """);

        assertThat(fleet("simulate", "--trace", trace.toString(), "--policy", "fleet", "--output", "json"))
                .isEqualTo(ExitCode.OK);
        JsonNode polled = policy(json(), "fleet");
        out.getBuffer().setLength(0);
        assertThat(fleet("simulate", "--trace", trace.toString(), "--policy", "fleet", "--output", "json",
                "--trigger", "webhook", "--delivery-latency", "2s")).isEqualTo(ExitCode.OK);
        JsonNode delivered = policy(json(), "fleet");

        // Polling: the pass at 120 s starts the VM (up at 210 s); webhook: the delivery at 63 s does (up at 153 s).
        assertThat(polled.get("waitMaxSeconds").asDouble()).isEqualTo(149.0);
        assertThat(delivered.get("waitMaxSeconds").asDouble()).isEqualTo(92.0);
        assertThat(delivered.get("vmMinutes").asDouble()).isEqualTo((90 + 300 + 2) / 60.0);
    }

    @Test
    void takesOnlyTheTriggersItKnows() throws IOException {
        Path trace = write("trace.csv", TRACE);
        assertBadInput("--trigger: must be poll or webhook, was push", "simulate", "--trace", trace.toString(),
                "--trigger", "push");
    }

    @Test
    void takesADeliveryLatencyOnlyWithWebhooks() throws IOException {
        Path trace = write("trace.csv", TRACE);
        assertBadInput("--delivery-latency: needs --trigger webhook", "simulate", "--trace", trace.toString(),
                "--delivery-latency", "1s");
    }

    @Test
    void takesADeliveryLatencyOfAtMostAnHour() throws IOException {
        Path trace = write("trace.csv", TRACE);
        assertBadInput("--delivery-latency: must be between 0s and 1h, was 1h1m", "simulate", "--trace",
                trace.toString(), "--trigger", "webhook", "--delivery-latency", "61m");
    }

    @Test
    void keepsMinAtMostMax() throws IOException {
        Path trace = write("trace.csv", TRACE);
        assertBadInput("need 0 <= min <= max, were 5 and 2", "simulate", "--trace", trace.toString(), "--min-runners",
                "5", "--max-runners", "2");
    }
}
