package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.command.ExitCode;
import dev.fleet.config.ConfigParser;
import dev.fleet.config.PoolConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubRunnerCommandTest {
    private static final String TWO_POOLS = """
            {
              "azure": {"subscriptionId": "00000000-0000-0000-0000-0000000000aa", "resourceGroup": "fleet-rg",
                        "location": "westeurope", "sshAllowedCidrs": ["203.0.113.0/24"]},
              "pools": [
                {"name": "ci", "repo": "octo/app", "scaling": {"maxRunners": 4}},
                {"name": "gpu", "repo": "octo/app", "labels": ["gpu"], "enabled": false}
              ]
            }
            """;

    @TempDir
    Path dir;

    private Cli cli;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        cli = new Cli(dir.resolve("home"));
        config = Files.writeString(dir.resolve("config.json"), TWO_POOLS);
        cli.env.put("FLEET_CONFIG", config.toString());
    }

    private PoolConfig pool(String name) throws IOException {
        return ConfigParser.parse(Files.readString(config)).pool(name).orElseThrow();
    }

    @Test
    void withoutASubcommandItPrintsItsUsage() {
        assertThat(cli.run("github-runner")).isEqualTo(ExitCode.OK);

        assertThat(cli.out()).startsWith("Usage: fleet github-runner").contains("enable", "disable", "scale");
    }

    @Test
    void disableMarksThePoolAndHandsItToReconcile() throws IOException {
        assertThat(cli.run("github-runner", "disable", "--pool", "ci")).isEqualTo(ExitCode.OK);

        assertThat(pool("ci").enabled()).isFalse();
        assertThat(cli.out()).isEqualTo("pool ci disabled (" + config + ")\n");
        assertThat(cli.calls).containsExactly("reconcile ci");
    }

    @Test
    void disableWithForcePassesItOn() {
        assertThat(cli.run("github-runner", "disable", "--pool", "ci", "--force")).isEqualTo(ExitCode.OK);

        assertThat(cli.calls).containsExactly("reconcile ci --force");
    }

    @Test
    void disablingADisabledPoolChangesNothing() {
        byte[] before = Cli.bytes(config);

        assertThat(cli.run("github-runner", "disable", "--pool", "gpu")).isEqualTo(ExitCode.OK);

        assertThat(cli.out()).isEqualTo("pool gpu is already disabled; nothing changed\n");
        assertThat(Cli.bytes(config)).isEqualTo(before);
        assertThat(cli.calls).isEmpty();
    }

    @Test
    void anUnknownPoolIsBadInputThatListsTheKnownOnes() {
        byte[] before = Cli.bytes(config);

        assertThat(cli.run("github-runner", "disable", "--pool", "cpu")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).isEqualTo("fleet: --pool: no pool named cpu; pools: ci, gpu\n");

        assertThat(cli.run("github-runner", "scale", "--pool", "cpu", "--auto")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(Cli.bytes(config)).isEqualTo(before);
    }

    @Test
    void withoutAConfigFileThereIsNoPoolToChange() {
        cli.env.put("FLEET_CONFIG", dir.resolve("none.json").toString());

        assertThat(cli.run("github-runner", "disable", "--pool", "ci")).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(cli.err()).isEqualTo("fleet: --pool: no pool named ci; " + dir.resolve("none.json")
                + " has no pools yet (add one with 'fleet github-runner enable')\n");
        assertThat(dir.resolve("none.json")).doesNotExist();
    }

    @Test
    void scalePinsThePoolAndAutoHandsItBack() throws IOException {
        assertThat(cli.run("github-runner", "scale", "--pool", "ci", "--count", "3")).isEqualTo(ExitCode.OK);
        assertThat(pool("ci").manualSize()).isEqualTo(3);
        assertThat(cli.out()).isEqualTo("pool ci now keeps 3 runners\n");

        assertThat(cli.run("github-runner", "scale", "--pool", "ci", "--auto")).isEqualTo(ExitCode.OK);
        assertThat(pool("ci").manualSize()).isNull();
        assertThat(cli.out()).isEqualTo("pool ci now autoscales with policy fleet between 0 and 4 runners\n");

        assertThat(cli.calls).containsExactly("reconcile ci", "reconcile ci");
    }

    @Test
    void scaleBeyondMaxRunnersStatesTheRuleAndChangesNothing() {
        byte[] before = Cli.bytes(config);

        assertThat(cli.run("github-runner", "scale", "--pool", "ci", "--count", "5")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.run("github-runner", "scale", "--pool", "ci", "--count", "-1")).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(cli.err()).isEqualTo(
                "fleet: pools[ci].manualSize: must be between 0 and scaling.maxRunners (4), was -1\n");
        assertThat(Cli.bytes(config)).isEqualTo(before);
        assertThat(cli.calls).isEmpty();
    }

    /** The pass after the change reads it, so the change must not be saved before it is found wrong. */
    @Test
    void anIdleConfirmationThatIsNotADurationStopsDisableAndScaleBeforeTheySave() {
        cli.env.put(Reconciliation.IDLE_CONFIRMATION, "soon");
        byte[] before = Cli.bytes(config);

        assertThat(cli.run("github-runner", "disable", "--pool", "ci")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.run("github-runner", "scale", "--pool", "ci", "--count", "2")).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(cli.err()).isEqualTo("fleet: FLEET_IDLE_CONFIRMATION: 'soon' is not a duration; write it like 90s, "
                + "5m, 1h30m, 2d or 250ms\n");
        assertThat(Cli.bytes(config)).isEqualTo(before);
        assertThat(cli.calls).isEmpty();
    }

    @Test
    void scaleToTheSizeThePoolHasChangesNothing() {
        byte[] before = Cli.bytes(config);

        assertThat(cli.run("github-runner", "scale", "--pool", "ci", "--auto")).isEqualTo(ExitCode.OK);

        assertThat(cli.out()).isEqualTo("pool ci already autoscales with policy fleet between 0 and 4 runners; "
                + "nothing changed\n");
        assertThat(Cli.bytes(config)).isEqualTo(before);
    }

    @Test
    void scaleOfADisabledPoolSaysWhenItApplies() throws IOException {
        assertThat(cli.run("github-runner", "scale", "--pool", "gpu", "--count", "2")).isEqualTo(ExitCode.OK);

        assertThat(cli.out()).isEqualTo("pool gpu now keeps 2 runners; it is disabled, so this applies once it is "
                + "enabled again\n");
        assertThat(pool("gpu").manualSize()).isEqualTo(2);
    }

    @Test
    void scaleTakesACountOrAutoNotBoth() {
        assertThat(cli.run("github-runner", "scale", "--pool", "ci", "--count", "2", "--auto"))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.run("github-runner", "scale", "--pool", "ci")).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(cli.err()).contains("Missing required argument");
    }
}
