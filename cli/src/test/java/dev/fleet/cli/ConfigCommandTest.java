package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.command.ExitCode;
import dev.fleet.config.ConfigParser;
import dev.fleet.config.ConfigSchema;
import dev.fleet.config.FleetConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
    private static final String VALID = """
            {
              "azure": {"subscriptionId": "00000000-0000-0000-0000-000000000000", "resourceGroup": "fleet-rg",
                        "location": "westeurope", "sshAllowedCidrs": ["203.0.113.0/24"]},
              "pools": [
                {"name": "ci", "repo": "octo/app", "labels": ["linux", "x64"], "scaling": {"maxRunners": 4}},
                {"name": "org", "org": "octo", "manualSize": 2, "azure": {"vmSize": "Standard_F4s_v2", "spot": true}}
              ]
            }
            """;

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int fleet(String... args) {
        env.putIfAbsent("HOME", dir.resolve("home").toString());
        return Fleet.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), env).execute(args);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void validateAcceptsAGoodFile() throws IOException {
        Path config = write("config.json", VALID);

        assertThat(fleet("config", "validate", "--config", config.toString())).isEqualTo(ExitCode.OK);

        assertThat(out.toString()).isEqualTo("config OK: 2 pools (" + config + ")\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void validateNamesTheFieldAndTheRuleOfABadRepo() throws IOException {
        Path config = write("config.json", VALID.replace("octo/app", "octo app"));

        assertThat(fleet("--config", config.toString(), "config", "validate")).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(err.toString()).isEqualTo("fleet: " + config + ": 1 problem\n"
                + "fleet: pools[ci].repo: must be owner/name matching ^[a-zA-Z0-9_-]+/[a-zA-Z0-9._-]+$, "
                + "was \"octo app\"\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void validatePrintsEveryProblemOnItsOwnLine() throws IOException {
        Path config = write("config.json", VALID.replace("octo/app", "octo app").replace("\"maxRunners\": 4",
                "\"maxRunners\": -1").replace("203.0.113.0/24", "0.0.0.0/0"));

        assertThat(fleet("config", "validate", "--config", config.toString())).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(err.toString().lines()).allMatch(line -> line.startsWith("fleet: ")).containsExactly(
                "fleet: " + config + ": 3 problems",
                "fleet: azure.sshAllowedCidrs[0]: \"0.0.0.0/0\" opens SSH to every address on the internet; list "
                        + "narrower ranges, or set azure.allowAnySource to true to allow it explicitly",
                "fleet: pools[ci].repo: must be owner/name matching ^[a-zA-Z0-9_-]+/[a-zA-Z0-9._-]+$, "
                        + "was \"octo app\"",
                "fleet: pools[ci].scaling.maxRunners: must be >= minRunners (0), was -1");
    }

    @Test
    void validateGivesLineAndColumnOfMalformedJson() throws IOException {
        Path config = write("config.json", "{\n  \"pools\": [\n    {\"name\": \"ci\" \"repo\": \"o/r\"}\n  ]\n}\n");

        assertThat(fleet("config", "validate", "--config", config.toString())).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(err.toString()).startsWith("fleet: " + config + ": 1 problem\n"
                + "fleet: not valid JSON at line 3, column 19: Unexpected character ('\"'");
    }

    @Test
    void validateNamesAnUnknownField() throws IOException {
        Path config = write("config.json", VALID.replace("\"labels\"", "\"lables\""));

        assertThat(fleet("config", "validate", "--config", config.toString())).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(err.toString()).contains("fleet: pools[ci].lables: unknown field \"lables\" (known fields: ")
                .contains(" at line 5, column 40\n");
    }

    @Test
    void validateOfAMissingFileSaysTheDefaultsApply() {
        Path config = dir.resolve("none.json");

        assertThat(fleet("config", "validate", "--config", config.toString())).isEqualTo(ExitCode.OK);

        assertThat(out.toString()).isEqualTo("config OK: 0 pools (" + config + " does not exist yet; the defaults apply)\n");
    }

    @Test
    void pathPrefersTheOptionThenFleetConfigThenXdgThenHome() {
        env.put("HOME", "/home/ada");
        env.put("XDG_CONFIG_HOME", "/xdg");
        env.put("FLEET_CONFIG", "/env/fleet.json");

        fleet("--config", "/opt/cli.json", "config", "path");
        fleet("config", "path");
        env.remove("FLEET_CONFIG");
        fleet("config", "path");
        env.remove("XDG_CONFIG_HOME");
        fleet("config", "path");

        assertThat(out.toString().lines()).containsExactly(
                "/opt/cli.json  (from --config; the file does not exist yet)",
                "/env/fleet.json  (from $FLEET_CONFIG; the file does not exist yet)",
                "/xdg/fleet/config.json  (from $XDG_CONFIG_HOME; the file does not exist yet)",
                "/home/ada/.config/fleet/config.json  (from $HOME/.config; the file does not exist yet)");
    }

    @Test
    void pathAsJson() throws IOException {
        Path config = write("config.json", "{}");
        env.put("FLEET_CONFIG", config.toString());

        assertThat(fleet("config", "path", "--output", "json")).isEqualTo(ExitCode.OK);

        assertThat(out.toString()).isEqualToIgnoringWhitespace(
                "{\"path\": \"" + config + "\", \"source\": \"$FLEET_CONFIG\", \"exists\": true}");
    }

    @Test
    void showPrintsTheEffectiveConfigAsATable() throws IOException {
        Path config = write("config.json", VALID);

        assertThat(fleet("config", "show", "--config", config.toString())).isEqualTo(ExitCode.OK);

        assertThat(out.toString()).isEqualTo(String.join("\n",
                "SETTING  VALUE",
                "config   " + config + " (from --config)",
                "github   https://api.github.com, auth token",
                "azure    AzureCloud, credential default, subscription 00000000-0000-0000-0000-000000000000",
                "ssh      user fleet, port 22, from 203.0.113.0/24",
                "",
                "POOL  SCOPE     LABELS     POLICY  RUNNERS  SIZE      VM SIZE                 LOCATION    "
                        + "RESOURCE GROUP  ENABLED",
                "ci    octo/app  linux,x64  fleet   0-4      auto      Standard_D2s_v5         westeurope  "
                        + "fleet-rg        yes",
                "org   octo      -          fleet   0-10     manual 2  Standard_F4s_v2 (spot)  westeurope  "
                        + "fleet-rg        yes",
                ""));
    }

    @Test
    void showAsJsonIsTheFileWithEveryDefault() throws IOException {
        Path config = write("config.json", VALID);

        assertThat(fleet("config", "show", "--config", config.toString(), "-o", "json")).isEqualTo(ExitCode.OK);

        assertThat(ConfigParser.parse(out.toString())).isEqualTo(ConfigParser.parse(VALID));
        assertThat(out.toString()).contains("\"cooldown\": \"5m\"");
    }

    @Test
    void showOfAMissingFileShowsTheDefaultsAndSaysSo() {
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        Path expected = dir.resolve("xdg/fleet/config.json");

        assertThat(fleet("config", "show")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).startsWith(expected + " does not exist yet; showing the defaults\n")
                .endsWith("\nno pools\n");

        out.getBuffer().setLength(0);
        assertThat(fleet("config", "show", "--output", "json")).isEqualTo(ExitCode.OK);
        assertThat(ConfigParser.parse(out.toString())).isEqualTo(FleetConfig.defaults());
        assertThat(err.toString()).isEqualTo("fleet: " + expected + " does not exist yet; showing the defaults\n");
    }

    @Test
    void showOfAnInvalidFileFailsWithItsProblems() throws IOException {
        Path config = write("config.json", "{\"version\": 2}");

        assertThat(fleet("config", "show", "--config", config.toString())).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(err.toString()).isEqualTo("fleet: " + config + ": 1 problem\n"
                + "fleet: version: this fleet reads version 1, was 2\n");
    }

    @Test
    void configProblemsShowTheirStackTraceOnlyWithVerbose() throws IOException {
        Path config = write("config.json", "{\"version\": 2}");

        assertThat(fleet("config", "validate", "--config", config.toString())).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).doesNotContain("\tat ");

        assertThat(fleet("config", "validate", "--verbose", "--config", config.toString()))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("dev.fleet.config.ConfigException: version: this fleet reads version 1")
                .contains("\tat ");
    }

    @Test
    void aFolderForTheConfigIsBadInputNamingIt() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("config.json"));

        assertThat(fleet("config", "validate", "--config", folder.toString())).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(err.toString()).isEqualTo("fleet: " + folder + ": 1 problem\nfleet: is a folder, not a config file\n");
    }

    @Test
    void theReadmesExampleConfigIsValid() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("### The config file");
        int start = readme.indexOf("```json\n", section) + "```json\n".length();
        Path config = write("config.json", readme.substring(start, readme.indexOf("```", start)));

        assertThat(fleet("config", "validate", "--config", config.toString())).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).startsWith("config OK: 1 pool (");
    }

    @Test
    void schemaPrintsTheJsonSchema() {
        assertThat(fleet("config", "schema")).isEqualTo(ExitCode.OK);

        assertThat(out.toString()).isEqualTo(ConfigSchema.json());
    }

    @Test
    void configAloneListsItsSubcommands() {
        assertThat(fleet("config")).isEqualTo(ExitCode.OK);

        assertThat(out.toString()).contains("path", "show", "validate", "schema");
    }

    @Test
    void theRootHelpListsConfigAndTheConfigOption() {
        assertThat(fleet("--help")).isEqualTo(ExitCode.OK);

        assertThat(out.toString()).contains("--config=FILE", "config");
    }
}
