package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fleet.it.cloud.FakeArm;
import dev.fleet.it.cloud.FakeCloud;
import dev.fleet.it.cloud.FakeRunner;
import dev.fleet.lifecycle.azure.VmInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A pool grows with its queue up to its max, and shrinks as jobs finish. */
class ScalingIT {
    @RegisterExtension
    final Session session = new Session();

    /** Five jobs for the pool's labels, three for others: one runner for each of the five, as far as max allows. */
    @ParameterizedTest(name = "max {0}")
    @CsvSource({
        "10, 5, 'scale up, 0 -> 5: 5 queued jobs, 0 runners free: creating 5'",
        "2, 2, 'scale up, 0 -> 2: 5 queued jobs, 0 runners free: creating 2 (max 2 reached)'"})
    void eachQueuedJobThePoolsLabelsServeGetsARunnerUpToTheMaxAndJobsForOtherLabelsNone(int max, int created,
            String decision, FakeCloud cloud) throws Exception {
        Pools.write(cloud, Pools.ci(cloud, 0, max));
        cloud.github().queueJobs(5, "self-hosted", "linux");
        cloud.github().queueJobs(3, "self-hosted", "gpu");

        FleetProcess.Result pass = session.run(0, "reconcile");

        Converged.assertPoolOf(cloud, created);
        assertThat(pass.out()).contains("pool ci: reconciled (queue: 5 queued, 0 in progress)", decision);
    }

    /*
     * Five runners: two finish their jobs, one is still running its job, two have idled past the idle timeout (their
     * jobs went to runners that are not the pool's). Min 2: of the idle ones, one goes.
     */
    @Test
    void vmsOfFinishedJobsAreDeletedAndIdleRunnersRemovedDownToMinButBusyOnesKept(FakeCloud cloud) throws Exception {
        Pools.writeIdlingBriefly(cloud, 2, 10);
        cloud.github().queueJobs(5, "self-hosted", "linux");
        session.run(0, "reconcile");
        List<String> runners = cloud.arm().vms().stream().map(FakeArm.Vm::name).toList();
        for (String runner : runners.subList(0, 3)) {
            cloud.github().startJob(runner);
        }
        for (String other : List.of("octo-own-runner-1", "octo-own-runner-2")) {
            cloud.github().addRunner(other, true, false);
            cloud.github().startJob(other);
        }
        cloud.github().finishJob(runners.get(0));
        cloud.github().finishJob(runners.get(1));
        assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::power).containsExactly(VmInfo.PowerState.STOPPED,
                VmInfo.PowerState.STOPPED, VmInfo.PowerState.RUNNING, VmInfo.PowerState.RUNNING,
                VmInfo.PowerState.RUNNING);

        FleetProcess.Result pass = session.run(0, "reconcile");

        List<String> left = Converged.assertPoolOf(cloud, 2);
        String busy = runners.get(2);
        String idle = left.stream().filter(name -> !name.equals(busy)).findFirst().orElseThrow();
        assertThat(runners.subList(3, 5)).contains(idle);
        assertThat(cloud.github().runners()).filteredOn(runner -> left.contains(runner.name()))
                .extracting(FakeRunner::name, FakeRunner::busy)
                .containsExactlyInAnyOrder(tuple(busy, true), tuple(idle, false));
        assertThat(pass.out()).containsPattern("reap vm +" + runners.get(0))
                .containsPattern("reap vm +" + runners.get(1))
                .contains("scale down, 3 -> 2", "removing 1 idle over 1s");
    }
}
