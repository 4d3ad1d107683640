package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.cli.serve.RunnerRemoval;
import dev.fleet.cli.serve.RunnerRemoval.Removal;
import dev.fleet.config.ConfigException;
import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.PoolRunners;
import dev.fleet.lifecycle.azure.VmInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s removal of a runner by name, wired as {@code serve} wires it, over fake Azure and GitHub. */
class ConfiguredRunnerRemovalTest {
    private static final String CONFIG = "{\"azure\": {\"subscriptionId\": \"" + Cli.SUBSCRIPTION + "\", "
            + "\"resourceGroup\": \"fleet-rg\", \"location\": \"westeurope\", \"sshAllowedCidrs\": [\"203.0.113.7/32\"]}, "
            + "\"pools\": [{\"name\": \"ci\", \"repo\": \"octo/app\", \"labels\": [\"gpu\"]}]}";
    private static final String RUNNER = "fleet-ci-abcd1234";

    @TempDir
    Path dir;

    private Cli cli;
    private Path config;
    private RunnerRemoval removal;

    @BeforeEach
    void setUp() throws IOException {
        cli = new Cli(dir.resolve("home"));
        config = cli.useConfig(dir, CONFIG);
        removal = new ConfiguredRunnerRemoval(cli.fleet(), new ReconciliationCache());
    }

    private void runner(boolean busy) {
        cli.services.world.azure.existing(new VmInfo(RUNNER, "ci", "fleet-rg", VmInfo.PowerState.RUNNING,
                VmInfo.ProvisioningState.SUCCEEDED, null, "octo/app"));
        cli.services.world.github.existing(RUNNER, RunnerInfo.Status.ONLINE, busy,
                List.of("self-hosted", "gpu", PoolRunners.label("ci")));
    }

    @Test
    void aRunnerOfAConfiguredPoolIsRemovedWithItsVm() {
        runner(false);

        Removal removed = removal.remove(RUNNER, false);

        assertThat(removed).isEqualTo(new Removal(RunnerRemoval.Status.REMOVED, "ci",
                "VM " + RUNNER + " and its runner are gone"));
        assertThat(cli.services.world.azure.list("ci")).isEmpty();
        assertThat(cli.services.world.github.all()).isEmpty();
    }

    @Test
    void aBusyRunnerIsLeftUnlessForcedAndAStrangerIsNotFound() {
        runner(true);

        assertThat(removal.remove(RUNNER, false).status()).isEqualTo(RunnerRemoval.Status.BUSY);
        assertThat(removal.remove("octo-own-runner", true).status()).isEqualTo(RunnerRemoval.Status.NOT_FOUND);
        assertThat(cli.services.world.azure.list("ci")).hasSize(1);

        assertThat(removal.remove(RUNNER, true).status()).isEqualTo(RunnerRemoval.Status.REMOVED);
        assertThat(cli.services.world.azure.list("ci")).isEmpty();
    }

    @Test
    void aFailedCloudCallIsAFailedRemoval() {
        runner(false);
        cli.services.world.azure.failLists("fleet-rg", new IllegalStateException("Azure is down"));

        assertThat(removal.remove(RUNNER, false)).isEqualTo(new Removal(RunnerRemoval.Status.FAILED, "ci",
                "IllegalStateException: Azure is down"));
    }

    @Test
    void theConfigIsReadAsTheFileHoldsItNow() throws IOException {
        runner(false);
        Files.writeString(config, "{}");

        assertThat(removal.remove(RUNNER, false).status()).isEqualTo(RunnerRemoval.Status.NOT_FOUND);

        Files.writeString(config, "{\"pools\": 3}");
        // The caller says what a removal that could not look means: the webhook leaves it to the next pass.
        assertThatThrownBy(() -> removal.remove(RUNNER, false)).isInstanceOf(ConfigException.class);
    }
}
