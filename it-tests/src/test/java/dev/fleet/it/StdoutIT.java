package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command prints reaches a pipe whole, through the launcher and the bare jar alike: output that ends without a
 * line break (a JSON document, a table) is still written before the process exits.
 */
class StdoutIT {
    @TempDir
    Path dir;

    @Test
    void configSchemaPrintsTheWholeSchemaThroughTheLauncher() throws Exception {
        FleetProcess.Result result = FleetProcess.runLauncher(Map.of("HOME", dir.toString()), "config", "schema");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(new ObjectMapper().readTree(result.out()).path("$schema").asText()).contains("2020-12");
    }

    @Test
    void configSchemaPrintsTheWholeSchemaFromTheJar() throws Exception {
        FleetProcess.Result result = FleetProcess.run(Map.of("HOME", dir.toString()), "config", "schema");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(new ObjectMapper().readTree(result.out()).path("properties").has("pools")).isTrue();
    }

    @Test
    void configShowPrintsItsJsonAndItsPoolTable() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"azure": {"subscriptionId": "00000000-0000-0000-0000-000000000000", "resourceGroup": "rg",
                           "location": "westeurope"},
                 "pools": [{"name": "ci", "repo": "octo/app"}]}
                """);
        Map<String, String> env = Map.of("HOME", dir.toString(), "FLEET_CONFIG", config.toString());

        FleetProcess.Result json = FleetProcess.run(env, "config", "show", "--output", "json");
        FleetProcess.Result table = FleetProcess.run(env, "config", "show");

        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(new ObjectMapper().readTree(json.out()).path("pools").get(0).path("name").asText())
                .isEqualTo("ci");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines()).anyMatch(line -> line.startsWith("ci ") && line.contains("octo/app"));
    }
}
