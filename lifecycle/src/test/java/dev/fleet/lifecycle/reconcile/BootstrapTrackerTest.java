package dev.fleet.lifecycle.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.lifecycle.LogCapture;
import dev.fleet.lifecycle.ProvisionListener;
import dev.fleet.lifecycle.ProvisionOutcome;
import dev.fleet.lifecycle.azure.VmCreation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapTrackerTest {
    private static final String NAME = "fleet-ci-abcd1234";

    @TempDir
    Path temp;

    @Test
    void aVmIsRecordedBeforeItsCreateRequestUntilItsOutcomeIsFinal() {
        ReconcileWorld world = new ReconcileWorld(temp);
        world.queue.queued("ci", 1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        ReconcileListener listener = new ReconcileListener() {
            @Override
            public void stage(String vmName, Stage stage) {
                boolean recorded = world.state.bootstrapping("ci").stream()
                        .anyMatch(record -> record.vmName().equals(vmName));
                seen.add(stage + " recorded=" + recorded + " created=" + world.vmNames("ci").contains(vmName));
            }
        };

        world.reconciler.reconcile(ReconcileWorld.config(ReconcileWorld.pool("ci", 0, 10)),
                ReconcileWorld.request(false, false), listener);

        assertThat(seen).containsExactly("CREATING recorded=true created=false", "INSTALLING recorded=true created=true",
                "WAITING_FOR_ONLINE recorded=true created=true");
        assertThat(world.state.bootstrapping("ci")).isEmpty();
    }

    @Test
    void aVmAzureRefusedLeavesNoRecord() {
        ReconcileWorld world = new ReconcileWorld(temp);
        world.world.azure.refuseCreates(new VmCreation.Failed(VmCreation.Category.SPOT_CAPACITY, "AllocationFailed",
                "no Spot capacity"));
        world.queue.queued("ci", 2);

        world.reconcile(ReconcileWorld.config(ReconcileWorld.pool("ci", 0, 10)));

        assertThat(world.state.bootstrapping("ci")).isEmpty();
    }

    @Test
    void aRecordThatCannotBeKeptIsWarnedAboutAndTheNewsStillPassedOn() throws Exception {
        Path notAFolder = temp.resolve("state");
        Files.writeString(notAFolder, "");
        List<String> heard = new ArrayList<>();
        ProvisionListener next = new ProvisionListener() {
            @Override
            public void stage(String vmName, Stage stage) {
                heard.add(vmName + " " + stage);
            }

            @Override
            public void finished(ProvisionOutcome outcome) {
                heard.add(outcome.vmName() + " " + outcome.status());
            }
        };
        BootstrapTracker tracker = new BootstrapTracker(new StateFolder(notAFolder), "ci", next);

        try (LogCapture log = new LogCapture()) {
            tracker.stage(NAME, ProvisionListener.Stage.CREATING);
            tracker.finished(new ProvisionOutcome.CreateFailed(NAME, VmCreation.Category.OTHER, "Conflict", "no"));

            assertThat(log.lines()).hasSize(2).allMatch(line -> line.contains("bootstrapping record"));
        }
        assertThat(heard).containsExactly(NAME + " CREATING", NAME + " CREATE_FAILED");
    }
}
