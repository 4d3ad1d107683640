package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fleet.it.cloud.FakeArm;
import dev.fleet.it.cloud.FakeCloud;
import dev.fleet.it.cloud.FakeRunner;
import dev.fleet.lifecycle.azure.VmInfo;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A disabled pool is drained, its busy runner allowed to finish its job first. */
class DisableIT {
    @RegisterExtension
    final Session session = Session.withPool(2, 10);

    @Test
    void disablingRemovesEveryVmAndRegistrationButTheBusyOneWhichGoesAfterItsJob(FakeCloud cloud) throws Exception {
        session.run(0, "reconcile");
        List<String> vms = cloud.arm().vms().stream().map(FakeArm.Vm::name).toList();
        String busy = vms.get(0);
        cloud.github().queueJobs(1, "self-hosted", "linux");
        cloud.github().startJob(busy);
        Leftovers.leave(cloud);

        FleetProcess.Result disable = session.run(0, "github-runner", "disable", "--pool", "ci");

        assertThat(Files.readString(cloud.configFile())).contains("\"enabled\": false");
        assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::name, FakeArm.Vm::power)
                .containsExactly(tuple(busy, VmInfo.PowerState.RUNNING));
        assertThat(cloud.arm().networkInterfaces()).containsExactly(busy + "-nic");
        assertThat(cloud.github().runners()).extracting(FakeRunner::name, FakeRunner::busy)
                .containsExactly(tuple(busy, true));
        assertThat(disable.out()).startsWith("pool ci disabled (")
                .containsPattern("drain +" + busy + " +skipped busy: left to finish its job")
                .containsPattern("remove +" + vms.get(1) + " +done")
                .containsPattern("remove registration +" + Leftovers.REGISTRATION + " +done");

        cloud.github().finishJob(busy);
        session.run(0, "reconcile");

        Converged.assertPoolOf(cloud, 0);
        assertThat(cloud.arm().vms()).isEmpty();
    }
}
