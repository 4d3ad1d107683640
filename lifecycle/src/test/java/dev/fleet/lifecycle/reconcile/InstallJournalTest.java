package dev.fleet.lifecycle.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.lifecycle.ProvisionListener;
import dev.fleet.lifecycle.azure.VmCreation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state folder as the journal of VMs being provisioned, which a pass reads back to reap a dead process's VMs. */
class InstallJournalTest {
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

        assertThat(seen).containsExactly("CREATING recorded=true created=false", "BOOTING recorded=true created=true",
                "INSTALLING recorded=true created=true", "WAITING_FOR_ONLINE recorded=true created=true");
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
}
