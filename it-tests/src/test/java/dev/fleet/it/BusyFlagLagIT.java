package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.it.cloud.FakeArm;
import dev.fleet.it.cloud.FakeCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GitHub's {@code busy} flag reads false for up to a minute after a job is given to a runner (the AWS runner module
 * lost 22 jobs in three days to it): the job names its runner first, and fleet goes by the job.
 */
class BusyFlagLagIT {
    @RegisterExtension
    final Session session = new Session();

    @Test
    void aRunnerAnInProgressJobNamesIsKeptThoughGitHubSaysItIsNotBusy(FakeCloud cloud) throws Exception {
        Pools.writeIdlingBriefly(cloud, 0, 10);
        cloud.github().queueJobs(1, "self-hosted", "linux");
        session.run(0, "reconcile");
        String runner = Converged.assertPoolOf(cloud, 1).get(0);
        long job = cloud.github().startJobWhileBusyLags(runner);

        FleetProcess.Result pass = session.run(0, "reconcile");

        assertThat(pass.out()).containsPattern("remove +" + runner + " +kept: job " + job + " names it");
        assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::name).containsExactly(runner);
        assertThat(cloud.github().runners()).hasSize(1);
    }
}
