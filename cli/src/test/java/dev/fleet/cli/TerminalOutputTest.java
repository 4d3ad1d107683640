package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.TextTable;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names and messages from GitHub, Azure or a VM reach the terminal without what a terminal would obey. */
class TerminalOutputTest {
    private static final String CONTROLS = "[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F]";

    @Test
    void aTableCellFromOutsideLosesItsEscapeSequences() {
        String table = new TextTable("RUNNER", "LABELS")
                .row("fleet-ci-\u001B[2J\u001B]0;owned\u0007abcd1234", "linux,\u001B[8mgpu")
                .render();

        assertThat(table).isEqualTo("RUNNER             LABELS\nfleet-ci-abcd1234  linux,gpu\n");
    }

    @Test
    void anErrorMessageFromOutsideIsPrintedWithoutControlCharacters(@TempDir Path home) {
        Cli cli = new Cli(home);
        cli.env.put("FLEET_CONFIG", home.resolve("config.json").toString());
        cli.services.github = new IllegalStateException("GitHub says \u001B[1A\u001B[2Kall good\r\u0007");

        int exit = cli.run("github-runner", "enable", "--pool", "ci", "--repo", "octo/app", "--subscription",
                Cli.SUBSCRIPTION, "--resource-group", "rg", "--location", "westeurope", "--ssh-allowed-cidrs",
                "203.0.113.7/32");

        assertThat(exit).isEqualTo(ExitCode.FAILURE);
        assertThat(cli.err()).isEqualTo("fleet: GitHub says all good\n").doesNotContainPattern(CONTROLS);
    }
}
