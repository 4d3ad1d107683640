package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.it.cloud.FakeArm;
import dev.fleet.it.cloud.FakeCloud;
import dev.fleet.it.cloud.FakeRunner;
import dev.fleet.lifecycle.azure.VmInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pool taken out of the config by hand: the passes after remove what it left (its idle VMs with their NICs and IPs
 * and registrations, then its NSG and VNet), wait for its busy runner's job, and touch neither the other pool nor what
 * fleet did not tag.
 */
class RemovedPoolIT {
    private static final String GONE = "gone";
    private static final String UNTAGGED = "fleet-gone-notours1";

    @RegisterExtension
    final Session session = new Session();

    @Test
    void aRemovedPoolsIdleVmsAndThenItsNetworkGoButItsBusyRunnerFinishesFirst(FakeCloud cloud) throws Exception {
        ObjectNode ci = Pools.ci(cloud, 1, 10);
        ObjectNode gone = cloud.pool(GONE).put("registration", "jit");
        gone.putObject("scaling").put("minRunners", 2).put("maxRunners", 2).put("cooldown", "0s");
        cloud.arm().addResourceGroup(FakeCloud.RESOURCE_GROUP);
        cloud.writeConfig(ci, gone);
        session.run(0, "reconcile");
        List<String> ciVms = vmsOf(cloud, Pools.CI);
        List<String> goneVms = vmsOf(cloud, GONE);
        String busy = goneVms.get(0);
        String idle = goneVms.get(1);
        cloud.github().queueJobs(1, "self-hosted");
        cloud.github().startJob(busy);
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        goneVms.forEach(vm -> cloud.arm().backdate(vm, longAgo));
        cloud.arm().addVm(UNTAGGED, Map.of(), longAgo, VmInfo.PowerState.RUNNING);
        cloud.writeConfig(ci);

        FleetProcess.Result dryRun = session.run(0, "reconcile", "--dry-run");
        FleetProcess.Result pass = session.run(0, "reconcile");

        assertThat(dryRun.out()).containsPattern("pools no longer in the config:")
                .containsPattern("sweep vm +" + idle + " +planned +pool gone is not in the config");
        assertThat(pass.out()).containsPattern("sweep vm +" + idle + " +done")
                .containsPattern("sweep vm +" + busy + " +skipped busy: left to finish its job");
        assertThat(vmsOf(cloud, GONE)).containsExactly(busy);
        assertThat(vmsOf(cloud, Pools.CI)).isEqualTo(ciVms);
        assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::name).contains(UNTAGGED);
        assertThat(cloud.arm().networkInterfaces()).noneMatch(nic -> nic.startsWith(idle));
        assertThat(cloud.arm().publicIps()).noneMatch(ip -> ip.startsWith(idle));
        assertThat(cloud.github().runners()).extracting(FakeRunner::name).doesNotContain(idle).contains(busy);
        assertThat(cloud.arm().poolNetworks()).contains("fleet-gone-nsg", "fleet-gone-vnet");

        cloud.github().finishJob(busy);
        session.run(0, "reconcile");
        session.run(0, "reconcile");

        assertThat(vmsOf(cloud, GONE)).isEmpty();
        assertThat(cloud.arm().poolNetworks()).containsExactly("fleet-ci-nsg", "fleet-ci-vnet");
        assertThat(cloud.arm().networkInterfaces()).allMatch(nic -> nic.startsWith("fleet-ci-"));
        assertThat(cloud.arm().publicIps()).allMatch(ip -> ip.startsWith("fleet-ci-"));
        assertThat(vmsOf(cloud, Pools.CI)).isEqualTo(ciVms);
        assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::name).contains(UNTAGGED);
        assertThat(cloud.writeRequests()).noneMatch(write -> write.contains(UNTAGGED));
    }

    private static List<String> vmsOf(FakeCloud cloud, String pool) {
        return cloud.arm().vms().stream().filter(vm -> pool.equals(vm.tags().get("fleet-pool")))
                .map(FakeArm.Vm::name).toList();
    }
}
