package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.it.cloud.FakeArm;
import dev.fleet.it.cloud.FakeCloud;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scenario 5 of issue 5: a pass killed in the middle of provisioning leaves nothing the next pass does not repair. */
class KilledPassIT {
    /** What a process killed by SIGKILL exits with. */
    private static final int KILLED = 128 + 9;

    @RegisterExtension
    final Session session = new Session();

    @BeforeEach
    void createTheResourceGroup() throws Exception {
        session.cloud().arm().addResourceGroup(FakeCloud.RESOURCE_GROUP);
    }

    @Test
    void aPassKilledAfterAzureAcceptedAVmIsRepairedByTheNextWithNothingLeaked() throws Exception {
        FakeCloud cloud = session.cloud();
        cloud.writeConfig(Pools.ci(cloud, 2, 10));
        String[] reconcile = {"reconcile"};
        FleetProcess.Running first = FleetProcess.start(cloud.options(), reconcile);
        cloud.arm().awaitVmCreates(1);
        FleetProcess.Result killed = first.kill();
        session.record(reconcile, killed);
        List<String> leftBehind = cloud.arm().vms().stream().map(FakeArm.Vm::name).toList();
        assertThat(killed.exitCode()).isEqualTo(KILLED);
        assertThat(leftBehind).isNotEmpty();

        session.run(0, reconcile);

        List<String> pool = Converged.assertPoolOf(cloud, 2);
        assertThat(pool).doesNotContainAnyElementsOf(leftBehind);
    }
}
