package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.serve.RunnerRemoval;
import dev.fleet.cli.serve.api.Api;
import dev.fleet.cli.serve.api.ApiServer;
import dev.fleet.cli.serve.api.ApiToken;
import dev.fleet.cli.serve.api.RecordingPasses;
import dev.fleet.config.ConfigParser;
import dev.fleet.lifecycle.azure.SerialConsole;
import dev.fleet.lifecycle.azure.VmInfo;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over the commands' own code: what it answers is what the commands print, and a scale is scale's. */
class ServeFleetAccessTest {
    private static final String CONFIG = "{\"azure\": {\"subscriptionId\": \"" + Cli.SUBSCRIPTION + "\", "
            + "\"resourceGroup\": \"fleet-rg\", \"location\": \"westeurope\", \"sshAllowedCidrs\": [\"203.0.113.7/32\"]}, "
            + "\"pools\": [{\"name\": \"ci\", \"repo\": \"octo/app\", \"scaling\": {\"minRunners\": 2, \"maxRunners\": 4}},"
            + " {\"name\": \"gpu\", \"repo\": \"octo/app\", \"labels\": [\"gpu\"], \"enabled\": false, "
            + "\"azure\": {\"resourceGroup\": \"FLEET-gpu\"}}]}";
    private static final String TOKEN = "api-token-for-the-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Cli cli;
    private Path config;
    private ApiServer server;
    private final RecordingPasses recording = new RecordingPasses();

    @BeforeEach
    void setUp() throws IOException {
        cli = new Cli(dir.resolve("home"));
        config = cli.useConfig(dir, CONFIG);
        assertThat(cli.run("reconcile")).as(cli.err()).isEqualTo(ExitCode.OK);
        cli.services.world.clock.advance(Duration.ofMinutes(3));
        server = new ApiServer(new Api(new ServeFleetAccess(cli.fleet(), new ReconciliationCache()), recording,
                (name, force) -> new RunnerRemoval.Removal(RunnerRemoval.Status.NOT_FOUND, null, name),
                ApiToken.of(Map.of(ApiToken.VARIABLE, TOKEN), true)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void statusIsWhatStatusPrintsAsJson() throws IOException {
        assertThat(cli.run("github-runner", "status", "--output", "json")).isEqualTo(ExitCode.OK);
        JsonNode printed = JSON.readTree(cli.out());

        HttpResponse<String> answer = server.get("/api/v1/status");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body())).isEqualTo(printed);
        assertThat(printed.path("pools").get(0).path("now").path("runners")).hasSize(2);
    }

    @Test
    void aPoolIsItsEntryOfStatusWithItsPlan() throws IOException {
        cli.run("github-runner", "status", "--pool", "ci", "--output", "json");
        JsonNode printed = JSON.readTree(cli.out()).path("pools").get(0);

        JsonNode pool = JSON.readTree(server.get("/api/v1/pools/ci").body());

        assertThat(pool).isEqualTo(printed);
        assertThat(pool.path("now").path("status").asText()).isEqualTo("DRY_RUN");
        assertThat(server.get("/api/v1/pools/cpu").statusCode()).isEqualTo(404);
    }

    @Test
    void poolsAreTheConfigsAsConfigShowPrintsThem() throws IOException {
        cli.run("config", "show", "--output", "json");
        JsonNode shown = JSON.readTree(cli.out()).path("pools");

        JsonNode pools = JSON.readTree(server.get("/api/v1/pools").body()).path("pools");

        assertThat(pools).isEqualTo(shown);
        assertThat(pools).extracting(pool -> pool.path("name").asText()).containsExactly("ci", "gpu");
    }

    @Test
    void runnersAreEveryPoolsWithTheirStateAndAge() throws IOException {
        JsonNode runners = JSON.readTree(server.get("/api/v1/runners").body()).path("runners");

        assertThat(runners).hasSize(2).allSatisfy(runner -> {
            assertThat(runner.path("pool").asText()).isEqualTo("ci");
            assertThat(runner.path("name").asText()).startsWith("fleet-ci-");
            assertThat(runner.path("vm").asText()).isEqualTo("RUNNING");
            assertThat(runner.path("github").asText()).isEqualTo("ONLINE");
            assertThat(runner.path("age").asText()).isEqualTo("PT3M");
        });
    }

    @Test
    void aScaleIsSavedAsScaleSavesItAndAsksForAPass() throws IOException {
        HttpResponse<String> answer = server.send("POST", "/api/v1/pools/ci/scale", "{\"count\": 3}", TOKEN);

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(answer.body()).path("message").asText()).isEqualTo("pool ci now keeps 3 runners");
        assertThat(ConfigParser.parse(Files.readString(config)).pool("ci").orElseThrow().manualSize()).isEqualTo(3);
        assertThat(recording.requests).containsExactly("ci: a scale through the API");

        HttpResponse<String> auto = server.send("POST", "/api/v1/pools/gpu/scale", "{\"auto\": true}", TOKEN);
        assertThat(auto.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(auto.body()).path("message").asText())
                .isEqualTo("pool gpu already autoscales with policy fleet between 0 and 10 runners; nothing changed");
        assertThat(recording.requests).containsExactly("ci: a scale through the API");
    }

    @Test
    void aScaleTheConfigRefusesIs400WithScalesLineAndChangesNothing() throws IOException {
        byte[] before = Cli.bytes(config);
        assertThat(cli.run("github-runner", "scale", "--pool", "ci", "--count", "5")).isEqualTo(ExitCode.BAD_INPUT);
        String line = cli.err().substring("fleet: ".length()).strip();

        HttpResponse<String> answer = server.send("POST", "/api/v1/pools/ci/scale", "{\"count\": 5}", TOKEN);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo(line)
                .isEqualTo("pools[ci].manualSize: must be between 0 and scaling.maxRunners (4), was 5");
        assertThat(Cli.bytes(config)).isEqualTo(before);
        assertThat(recording.requests).isEmpty();
    }

    @Test
    void logsAreTheSerialConsoleOfTheRunnersVmInWhicheverGroupItsPoolUses() {
        String runner = cli.services.world.azure.list("ci").get(0).name();
        cli.services.world.azure.serialConsole(runner, new SerialConsole.Log("Cloud-init finished\n"));
        cli.services.world.azure.existing(new VmInfo("fleet-gpu-0000aaaa", "gpu", "fleet-gpu",
                VmInfo.PowerState.STOPPED, VmInfo.ProvisioningState.SUCCEEDED, null));

        HttpResponse<String> log = server.get("/api/v1/runners/" + runner + "/logs");
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).isEqualTo("Cloud-init finished\n");
        assertThat(server.get("/api/v1/runners/fleet-gpu-0000aaaa/logs").statusCode()).isEqualTo(404);
        assertThat(cli.services.world.events.all()).contains("read serial console fleet-gpu-0000aaaa");

        cli.services.world.azure.existing(new VmInfo("fleet-gone-0000bbbb", "gone", "fleet-rg",
                VmInfo.PowerState.RUNNING, VmInfo.ProvisioningState.SUCCEEDED, null));
        HttpResponse<String> stranger = server.get("/api/v1/runners/fleet-gone-0000bbbb/logs");
        assertThat(stranger.statusCode()).isEqualTo(404);
        assertThat(stranger.body()).contains("no pool of the config has a VM named fleet-gone-0000bbbb");
    }
}
