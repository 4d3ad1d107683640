package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.lifecycle.ProvisionListener.Stage;
import dev.fleet.lifecycle.ProvisionOutcome;
import dev.fleet.lifecycle.azure.VmCreation;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassProgressTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final StringWriter text = new StringWriter();
    private Instant now = T0;

    @Test
    void printsEachStepOfEachVmWithTheTimeSinceItsStart() {
        PassProgress progress = new PassProgress(new PrintWriter(text), () -> now);
        progress.poolStarted("ci");
        progress.stage("fleet-ci-aaaaaaaa", Stage.CREATING);
        now = T0.plusSeconds(40);
        progress.stage("fleet-ci-aaaaaaaa", Stage.BOOTING);
        now = T0.plusSeconds(70);
        progress.stage("fleet-ci-aaaaaaaa", Stage.INSTALLING);
        now = T0.plusSeconds(95);
        progress.stage("fleet-ci-aaaaaaaa", Stage.WAITING_FOR_ONLINE);
        now = T0.plusSeconds(110);
        progress.finished(new ProvisionOutcome.Online(vm("fleet-ci-aaaaaaaa"), 7));

        assertThat(text.toString().lines()).containsExactly(
                "pool ci: looking at Azure, GitHub and the job queue",
                "  fleet-ci-aaaaaaaa                    0s  creating VM",
                "  fleet-ci-aaaaaaaa                   40s  booting, waiting for SSH",
                "  fleet-ci-aaaaaaaa                 1m10s  logged in, installing the runner",
                "  fleet-ci-aaaaaaaa                 1m35s  installed, waiting for GitHub to list it online",
                "  fleet-ci-aaaaaaaa                 1m50s  runner online");
    }

    @Test
    void saysWhyAVmDidNotComeOnline() {
        PassProgress progress = new PassProgress(new PrintWriter(text), () -> now);
        progress.finished(new ProvisionOutcome.CreateFailed("fleet-ci-bbbbbbbb", VmCreation.Category.QUOTA_EXCEEDED,
                "QuotaExceeded", "Operation could not be completed as it results in exceeding approved quota."));
        progress.finished(new ProvisionOutcome.InstallFailed("fleet-ci-cccccccc", "exit 3", List.of("tail")));
        progress.finished(new ProvisionOutcome.NotOnline("fleet-ci-dddddddd", Duration.ofMinutes(5)));

        assertThat(text.toString().lines()).containsExactly(
                "  fleet-ci-bbbbbbbb                    0s  Azure did not create the VM (QUOTA_EXCEEDED): QuotaExceeded: "
                        + "Operation could not be completed as it results in exceeding approved quota.",
                "  fleet-ci-cccccccc                    0s  runner not installed, VM deleted: exit 3",
                "  fleet-ci-dddddddd                    0s  runner not online within 5m, VM deleted");
    }

    @Test
    void isSilentWhenNotOnATerminal() {
        assertThat(PassProgress.forTerminal(new PrintWriter(text), false)).isSameAs(ReconcileListener.NONE);
        assertThat(PassProgress.forTerminal(new PrintWriter(text), true)).isInstanceOf(PassProgress.class);
    }

    private static VmInfo vm(String name) {
        return new VmInfo(name, "ci", "rg", VmInfo.PowerState.RUNNING, VmInfo.ProvisioningState.SUCCEEDED, T0);
    }
}
