package dev.fleet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.autoscaler.FleetPolicy;
import dev.fleet.autoscaler.MinIdlePolicy;
import dev.fleet.autoscaler.ScalingConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigParserTest {

    @Test
    void fillsEveryOmittedFieldWithItsDefault() {
        FleetConfig config = ConfigParser.parse("""
                {"azure": {"subscriptionId": "00000000-0000-0000-0000-000000000000", "resourceGroup": "rg",
                           "location": "westeurope"},
                 "pools": [{"name": "ci", "repo": "octo/app"}]}
                """);

        assertThat(config.version()).isEqualTo(1);
        assertThat(config.github()).isEqualTo(new GitHubSettings("https://api.github.com", GitHubSettings.AuthMode.TOKEN,
                null));
        assertThat(config.azure().environment()).isEqualTo(AzureSettings.Environment.AZURE_CLOUD);
        assertThat(config.azure().credential()).isEqualTo(AzureSettings.Credential.DEFAULT);
        assertThat(config.azure().image()).isEqualTo("Canonical:ubuntu-24_04-lts:server:latest");
        assertThat(config.azure().adminUser()).isEqualTo("fleet");
        assertThat(config.azure().sshPort()).isEqualTo(22);
        assertThat(config.azure().sshAllowedCidrs()).isEmpty();
        PoolConfig pool = config.pool("ci").orElseThrow();
        assertThat(pool.registration()).isEqualTo(PoolConfig.Registration.TOKEN);
        assertThat(pool.runnerVersion()).isEqualTo("latest");
        assertThat(pool.enabled()).isTrue();
        assertThat(pool.noDefaultLabels()).isFalse();
        assertThat(pool.manualSize()).isNull();
        assertThat(pool.scaling().toScalingConfig()).isEqualTo(ScalingConfig.DEFAULTS);
        assertThat(pool.scaling().scalingPolicy()).isEqualTo(new FleetPolicy());
    }

    @Test
    void scalingSettingsBecomeTheAutoscalersLimits() {
        ScalingSettings scaling = ConfigParser.parseScaling("""
                {"policy": "min-idle:2", "minRunners": 1, "maxRunners": 6, "jobsPerRunner": 1,
                 "scaleUpThreshold": 0, "scaleDownThreshold": 1, "cooldown": "90s", "idleTimeout": "10m",
                 "maxAge": "0s", "provisioningConcurrency": 3}
                """);

        assertThat(scaling.toScalingConfig()).isEqualTo(new ScalingConfig(1, 6, 1, 0, 1, Duration.ofSeconds(90),
                Duration.ofMinutes(10), Duration.ZERO, 3));
        assertThat(scaling.scalingPolicy()).isEqualTo(new MinIdlePolicy(2));
    }

    @Test
    void standaloneScalingProblemsAreNamedRelativeToTheObject() {
        assertThatThrownBy(() -> ConfigParser.parseScaling("{\"minRunners\": 3, \"maxRunners\": 1, \"x\": 1}"))
                .hasMessage("x: unknown field \"x\" (known fields: cooldown, idleTimeout, jobsPerRunner, maxAge, "
                        + "maxRunners, minRunners, policy, provisioningConcurrency, scaleDownThreshold, "
                        + "scaleUpThreshold) at line 1, column 36\n"
                        + "maxRunners: must be >= minRunners (3), was 1");
    }

    @Test
    void roundTripsThroughItsOwnJson() {
        FleetConfig config = ConfigParser.parse(Configs.with(
                "/pools/0/scaling/cooldown", "\"1h30m\"", "/pools/0/manualSize", "2",
                "/pools/0/webhookUrl", "\"https://fleet.example.com/webhook\"",
                "/pools/0/azure", "{\"vmSize\": \"Standard_F4s_v2\", \"spot\": true, \"sshPort\": 2222}"));

        String json = ConfigParser.toJson(config);

        assertThat(ConfigParser.parse(json)).isEqualTo(config);
        assertThat(config.pool("ci").orElseThrow().webhookUrl()).isEqualTo("https://fleet.example.com/webhook");
        assertThat(json).contains("\"cooldown\": \"1h30m\"").contains("\"maxAge\": \"1d\"").endsWith("}\n");
    }

    @Test
    void placementTakesThePoolsOverridesOverTheGlobalSettings() {
        FleetConfig config = ConfigParser.parse(Configs.with(
                "/pools/0/azure", "{\"location\": \"eastus2\", \"vmSize\": \"Standard_F4s_v2\", \"privateIp\": true}"));

        AzurePlacement placement = config.placement(config.pool("ci").orElseThrow());

        assertThat(placement).isEqualTo(new AzurePlacement("00000000-0000-0000-0000-000000000000", "fleet-rg",
                "eastus2", "Standard_F4s_v2", AzureSettings.DEFAULT_IMAGE, "fleet", 22, List.of("203.0.113.0/24"),
                false, true));
    }

    @Test
    void runnersCarryGitHubsDefaultLabelsAndThePoolsUnlessDefaultsAreOff() {
        FleetConfig config = ConfigParser.parse(Configs.with("/pools/1",
                "{\"name\": \"bare\", \"repo\": \"octo/app\", \"labels\": [\"gpu\"], \"noDefaultLabels\": true}"));

        assertThat(config.pool("bare").orElseThrow().runnerLabels()).containsExactly("gpu");
        PoolConfig ci = config.pool("ci").orElseThrow();
        assertThat(ci.runnerLabels()).startsWith("self-hosted", "Linux", "X64").containsAll(ci.labels());
        assertThat(ConfigParser.toJson(config)).doesNotContain("runnerLabels");
    }

    @Test
    void poolScopeIsTheRepoOrTheOrg() {
        FleetConfig config = ConfigParser.parse(Configs.with("/pools/1",
                "{\"name\": \"org\", \"org\": \"octo\", \"repos\": [\"app\"]}"));

        assertThat(config.pool("ci").orElseThrow().scope()).isEqualTo("octo/app");
        assertThat(config.pool("org").orElseThrow().scope()).isEqualTo("octo");
        assertThat(config.pool("org").orElseThrow().isOrgPool()).isTrue();
        assertThat(config.pool("none")).isEmpty();
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        assertThatThrownBy(() -> ConfigParser.parse("{\n  \"version\": 1,\n  \"pools\": [\n    {\"name\": \"ci\",}\n]}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("not valid JSON at line 4, column 19: Unexpected character ('}'");
        assertThatThrownBy(() -> ConfigParser.parse("{\"version\": 1"))
                .hasMessageStartingWith("not valid JSON at line 1, column 14: Unexpected end-of-input")
                .hasMessageNotContaining("Source");
    }

    @Test
    void rejectsWhatIsNotOneJsonObject() {
        assertThatThrownBy(() -> ConfigParser.parse(" \n")).hasMessage("the file is empty; an empty config is {}");
        assertThatThrownBy(() -> ConfigParser.parse("null")).hasMessage("must be a JSON object at line 1, column 1");
        assertThatThrownBy(() -> ConfigParser.parse("[]"))
                .hasMessage("expected an object, found an array at line 1, column 1");
        assertThatThrownBy(() -> ConfigParser.parse("{} {}"))
                .hasMessage("not valid JSON at line 1, column 4: unexpected content after the end of the config");
        assertThatThrownBy(() -> ConfigParser.parse("{\"version\": 1, \"version\": 1}"))
                .hasMessageStartingWith("not valid JSON at line 1, column 25: Duplicate field 'version'");
    }

    @Test
    void unknownFieldsNameTheFieldLineAndColumn() {
        String json = "{\n  \"version\": 1,\n  \"pools\": [\n    {\"name\": \"ci\", \"repo\": \"o/r\",\n"
                + "     \"lables\": [\"x\"]}\n  ]\n}\n";

        assertThatThrownBy(() -> ConfigParser.parse(json))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).first()
                        .satisfies(p -> {
                            assertThat(p.path()).isEqualTo("pools[ci].lables");
                            assertThat(p.message()).startsWith("unknown field \"lables\" (known fields: azure, ")
                                    .endsWith(" at line 5, column 6");
                        }));
    }

    @Test
    void typeErrorsInAnUnnamedPoolUseItsIndex() {
        assertThatThrownBy(() -> ConfigParser.parse("{\"pools\": [{\"repo\": \"o/r\", \"enabled\": 1}]}"))
                .hasMessage("pools[0].enabled: expected true or false, was 1 at line 1, column 28");
    }

    @Test
    void problemWithoutPathPrintsItsMessageOnly() {
        assertThat(new ConfigProblem("", "the file is empty")).hasToString("the file is empty");
        assertThat(new ConfigProblem("version", "must be 1")).hasToString("version: must be 1");
        assertThatThrownBy(() -> new ConfigException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
