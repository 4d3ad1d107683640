package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.it.cloud.FakeArm;
import dev.fleet.it.cloud.FakeCloud;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scenario 5 of issue 5: a pass killed in the middle of provisioning leaves nothing the next pass does not repair. */
class KilledPassIT {
    /** What a process killed by SIGKILL exits with. */
    private static final int KILLED = 128 + 9;

    private FakeCloud cloud;
    private Session session;

    @BeforeEach
    void startTheCloud() throws Exception {
        cloud = FakeCloud.start();
        cloud.arm().addResourceGroup(FakeCloud.RESOURCE_GROUP);
        session = new Session(cloud);
    }

    @AfterEach
    void stopTheCloud() throws Exception {
        cloud.close();
    }

    @Test
    void aPassKilledAfterAzureAcceptedAVmIsRepairedByTheNextWithNothingLeaked() throws Exception {
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
        assertThat(Path.of(cloud.environment().get("XDG_STATE_HOME"), "fleet/pools/ci/bootstrapping"))
                .as("records of VMs being bootstrapped").isEmptyDirectory();
    }
}
