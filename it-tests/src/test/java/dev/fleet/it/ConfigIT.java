package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigIT {
    @TempDir
    Path dir;

    @Test
    void aBadRepoNameExitsTwoNamingTheFieldAndLeavesTheFileAlone() throws Exception {
        Path config = dir.resolve("config.json");
        String text = """
                {"azure": {"subscriptionId": "00000000-0000-0000-0000-000000000000", "resourceGroup": "rg",
                           "location": "westeurope"},
                 "pools": [{"name": "ci", "repo": "octo/app!"}]}
                """;
        Files.writeString(config, text);

        FleetProcess.Result result = FleetProcess.run(Map.of("FLEET_CONFIG", config.toString()), "config", "validate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("fleet: pools[ci].repo:");
        assertThat(Files.readString(config)).isEqualTo(text);
    }

    @Test
    void pathFollowsTheEnvironment() throws Exception {
        FleetProcess.Result result = FleetProcess.run(
                Map.of("XDG_CONFIG_HOME", dir.toString(), "HOME", dir.resolve("home").toString()), "config", "path");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains(dir.resolve("fleet").resolve("config.json").toString());
    }
}
