package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fleet.it.cloud.FakeArm;
import dev.fleet.it.cloud.FakeCloud;
import dev.fleet.it.cloud.FakeRunner;
import dev.fleet.it.cloud.VmSandbox;
import dev.fleet.lifecycle.azure.VmInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A first pool enabled from the command line comes up, and status shows it as it is. */
class FirstPoolIT {
    @RegisterExtension
    final Session session = new Session();

    @Test
    void enablingAPoolWithTwoRunnersBootsTwoVmsWhoseRunnersComeOnlineAndStatusShowsThemIdle(FakeCloud cloud)
            throws Exception {
        cloud.writeEndpointsOnly();
        FleetProcess.Result enable = session.run(0, Pools.enable(cloud, 2));
        List<String> vms = cloud.arm().vms().stream().map(FakeArm.Vm::name).toList();
        List<String> writesBeforeStatus = cloud.writeRequests();

        FleetProcess.Result status = session.run(0, "github-runner", "status");
        session.save("scenario-1-session.txt");

        assertThat(cloud.arm().resourceGroups()).containsExactly(FakeCloud.RESOURCE_GROUP);
        assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::power, vm -> vm.tags().get("fleet-pool"))
                .containsExactly(tuple(VmInfo.PowerState.RUNNING, "ci"), tuple(VmInfo.PowerState.RUNNING, "ci"));
        assertThat(vms).allMatch(name -> name.matches("fleet-ci-[a-z0-9]{8}"));
        assertThat(cloud.github().runners()).extracting(FakeRunner::name, FakeRunner::online, FakeRunner::busy)
                .containsExactlyInAnyOrder(tuple(vms.get(0), true, false), tuple(vms.get(1), true, false));
        for (String vm : vms) {
            VmSandbox sandbox = cloud.arm().machine(vm).orElseThrow().sandbox();
            assertThat(sandbox.installRoot().resolve("run.sh")).as("the runner package, from the fake GitHub").exists();
            assertThat(sandbox.record("systemctl.args")).contains("enable --now fleet-runner.service");
        }
        assertThat(enable.out()).startsWith("pool ci created\n").contains("pool ci: reconciled");
        assertThat(status.out()).contains("pool ci: enabled, repo octo/app", "last pass: ", "reconciled");
        for (String vm : vms) {
            assertThat(status.out()).containsPattern(vm + " +idle +running +online +no ");
        }
        assertThat(cloud.writeRequests()).as("status changes nothing").isEqualTo(writesBeforeStatus);
    }
}
