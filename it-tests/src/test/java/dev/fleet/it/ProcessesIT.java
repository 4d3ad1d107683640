package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.it.cloud.FakeArm;
import dev.fleet.it.cloud.FakeCloud;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * fleet processes that do not run alone. One killed in the middle of provisioning leaves
 * nothing the next pass does not repair; of two at once, as two timers or a timer and a person might start
 * them, only one acts.
 */
class ProcessesIT {
    /** What a process killed by SIGKILL exits with. */
    private static final int KILLED = 128 + 9;

    @RegisterExtension
    final Session session = Session.withPool(2, 10);

    @Test
    void aPassKilledAfterAzureAcceptedAVmIsRepairedByTheNextWithNothingLeaked(FakeCloud cloud) throws Exception {
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

    @Test
    void aPassStartedWhileAnotherActsOnThePoolLeavesItAloneAndSaysWhoHoldsIt(FakeCloud cloud) throws Exception {
        String[] reconcile = {"reconcile", "--lock-wait", "1s"};
        // The first pass's VMs stay in allocation until released, so it holds the pool for as long as this test needs.
        cloud.arm().holdVmCreates();
        FleetProcess.Running first = FleetProcess.start(cloud.options(), reconcile);
        cloud.arm().awaitVmCreates(1);

        FleetProcess.Result second = FleetProcess.run(cloud.options(), reconcile);
        session.record(reconcile, second);
        cloud.arm().releaseVmCreates();
        FleetProcess.Result done = first.await();
        session.record(reconcile, done);

        assertThat(second.exitCode()).as(session.transcript()).isEqualTo(1);
        assertThat(second.out()).contains("pool ci: locked")
                .containsPattern("error: pool ci is being reconciled by another fleet process \\(pid \\d+, since ");
        assertThat(done.exitCode()).as(session.transcript()).isZero();
        Converged.assertPoolOf(cloud, 2);
        assertThat(cloud.arm().writeRequests()).filteredOn(write -> write.startsWith("PUT " + FakeCloud.vmPath("")))
                .hasSize(2);
    }
}
