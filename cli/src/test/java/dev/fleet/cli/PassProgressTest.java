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
        progress.stage("fleet-ci-aaaaaaaa", Stage.INSTALLING);
        now = T0.plusSeconds(95);
        progress.stage("fleet-ci-aaaaaaaa", Stage.WAITING_FOR_ONLINE);
        now = T0.plusSeconds(110);
        progress.finished(new ProvisionOutcome.Online(vm("fleet-ci-aaaaaaaa"), 7));

        assertThat(text.toString().lines()).containsExactly(
                "pool ci: looking at Azure, GitHub and the job queue",
                "  fleet-ci-aaaaaaaa                    0s  creating VM",
                "  fleet-ci-aaaaaaaa                   40s  booting, installing the runner over SSH",
                "  fleet-ci-aaaaaaaa                 1m35s  installed, waiting for GitHub to list it online",
                "  fleet-ci-aaaaaaaa                 1m50s  online");
    }

    @Test
    void saysWhyAVmDidNotComeOnline() {
        assertThat(PassProgress.describe(new ProvisionOutcome.CreateFailed("v", VmCreation.Category.QUOTA_EXCEEDED,
                "QuotaExceeded", "Operation could not be completed as it results in exceeding approved quota.")))
                .isEqualTo("not created: QuotaExceeded: Operation could not be completed as it results in exceeding "
                        + "approved quota.");
        assertThat(PassProgress.describe(new ProvisionOutcome.InstallFailed("v", "exit 3", List.of("tail"))))
                .isEqualTo("install failed, VM removed: exit 3");
        assertThat(PassProgress.describe(new ProvisionOutcome.NotOnline("v", Duration.ofMinutes(5))))
                .isEqualTo("not online within 5m, VM removed");
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
