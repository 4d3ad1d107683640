package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.command.ExitCode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GITHUB_API_URL} is held to the rule of {@code github.apiUrl}: the token goes only over https, or plain http to
 * this machine, and a value that is no URL is bad input, refused before GitHub or Azure is asked anything.
 */
class GitHubApiUrlTest {
    private static final String CONFIG = "{\"azure\": {\"subscriptionId\": \"" + Cli.SUBSCRIPTION + "\", "
            + "\"resourceGroup\": \"fleet-rg\", \"location\": \"westeurope\", \"sshAllowedCidrs\": [\"203.0.113.7/32\"]}, "
            + "\"pools\": [{\"name\": \"ci\", \"repo\": \"octo/app\"}]}";

    @TempDir
    Path dir;

    private Cli cli;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        cli = new Cli(dir.resolve("home"));
        config = cli.useConfig(dir, CONFIG);
    }

    @ParameterizedTest(name = "fleet {0}")
    @ValueSource(strings = {"reconcile", "reconcile --dry-run", "github-runner status",
        "github-runner scale --pool ci --count 1", "github-runner disable --pool ci",
        "github-runner enable --pool web --repo octo/web"})
    void plainHttpToAnotherHostIsRefusedBeforeAnythingIsAsked(String command) {
        cli.env.put("GITHUB_API_URL", "http://ghe.example.com/api/v3");
        byte[] before = Cli.bytes(config);

        assertThat(cli.run(command.split(" "))).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(cli.err()).isEqualTo("fleet: GITHUB_API_URL: must be an https URL (http only for localhost, "
                + "127.0.0.1 or [::1]), was \"http://ghe.example.com/api/v3\"\n");
        assertThat(cli.services.world.azure.list("ci")).isEmpty();
        assertThat(Cli.bytes(config)).isEqualTo(before);
    }

    @ParameterizedTest(name = "GITHUB_API_URL={0}")
    @CsvSource(delimiter = '|', value = {
        "https://ghe example.com/api/v3 | must be a URL, was \"https://ghe example.com/api/v3\" (Illegal character in "
                + "authority)",
        "ftp://ghe.example.com | must be an https URL (http only for localhost, 127.0.0.1 or [::1]), was "
                + "\"ftp://ghe.example.com\""})
    void aValueThatIsNoHttpsUrlIsOneLineNamingTheVariable(String url, String rule) {
        cli.env.put("GITHUB_API_URL", url);

        assertThat(cli.run("reconcile")).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(cli.err()).isEqualTo("fleet: GITHUB_API_URL: " + rule + "\n");
    }

    @ParameterizedTest(name = "GITHUB_API_URL={0}")
    @ValueSource(strings = {"https://ghe.example.com/api/v3", "http://127.0.0.1:8080/api/v3", "http://localhost:1"})
    void httpsAndLoopbackHttpAreTaken(String url) {
        cli.env.put("GITHUB_API_URL", url);

        assertThat(cli.run("reconcile")).as(cli.err()).isEqualTo(ExitCode.OK);
    }
}
