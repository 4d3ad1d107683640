package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.it.cloud.FakeArm;
import dev.fleet.it.cloud.FakeCloud;
import dev.fleet.it.cloud.FakeRunner;
import dev.fleet.lifecycle.azure.VmInfo;
import java.nio.file.Path;
import java.util.List;

/** What a pool must come to once a pass went through: its VMs and runners in pairs, and nothing else left over. */
final class Converged {
    private Converged() {
    }

    /**
     * Checks that fleet's VMs are {@code count}, each running and provisioned with one NIC and one public IP, each with
     * an online runner of its name, that GitHub has no other runner of the pool, and that no fleet process is recorded
     * as bootstrapping a VM of it.
     *
     * @return the VMs' names
     */
    static List<String> assertPoolOf(FakeCloud cloud, int count) {
        List<FakeArm.Vm> vms = cloud.arm().vms().stream().filter(vm -> "fleet".equals(vm.tags().get("managed-by")))
                .toList();
        List<String> names = vms.stream().map(FakeArm.Vm::name).toList();
        assertThat(vms).as("fleet's VMs").hasSize(count)
                .allMatch(vm -> vm.power() == VmInfo.PowerState.RUNNING && vm.provisioningState().equals("Succeeded"));
        assertThat(cloud.arm().networkInterfaces()).as("NICs")
                .containsExactlyInAnyOrderElementsOf(names.stream().map(name -> name + "-nic").toList());
        assertThat(cloud.arm().publicIps()).as("public IPs")
                .containsExactlyInAnyOrderElementsOf(names.stream().map(name -> name + "-pip").toList());
        assertThat(cloud.github().runners()).as("the pool's runners")
                .filteredOn(runner -> runner.name().startsWith("fleet-" + Pools.CI + "-"))
                .allMatch(FakeRunner::online)
                .extracting(FakeRunner::name).containsExactlyInAnyOrderElementsOf(names);
        Path bootstrapping = Path.of(cloud.environment().get("XDG_STATE_HOME"), "fleet/pools", Pools.CI,
                "bootstrapping");
        assertThat(bootstrapping).as("records of VMs being bootstrapped")
                .satisfiesAnyOf(folder -> assertThat(folder).doesNotExist(),
                        folder -> assertThat(folder).isEmptyDirectory());
        return names;
    }
}
