package dev.fleet.it;

import dev.fleet.it.cloud.FakeArm;
import dev.fleet.it.cloud.FakeCloud;
import dev.fleet.it.cloud.FakeRunner;
import dev.fleet.lifecycle.azure.VmInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a world holds of pool {@link Pools#CI}, sorted: whole runners (a running, provisioned VM with its NIC, its
 * public IP and an online runner of its name) and everything else of the pool's, each a leftover of some kind. Where
 * {@link Converged} asserts, this counts, for campaigns that report many runs at once.
 *
 * @param whole         the VMs that are whole runners
 * @param brokenVms     fleet's VMs of the pool that are not
 * @param strayNics     NICs named for a VM that does not exist
 * @param strayIps      public IPs named for a VM that does not exist
 * @param strayRunners  registrations of the pool's names without a VM
 */
record Census(List<String> whole, List<String> brokenVms, List<String> strayNics, List<String> strayIps,
              List<String> strayRunners) {

    static Census of(FakeCloud cloud) {
        List<FakeArm.Vm> vms = cloud.arm().vms().stream()
                .filter(vm -> "fleet".equals(vm.tags().get("managed-by")) && Pools.CI.equals(vm.tags().get("fleet-pool")))
                .toList();
        Set<String> names = cloud.arm().vms().stream().map(FakeArm.Vm::name).collect(Collectors.toSet());
        List<String> nics = cloud.arm().networkInterfaces();
        List<String> ips = cloud.arm().publicIps();
        Set<String> online = cloud.github().runners().stream().filter(FakeRunner::online).map(FakeRunner::name)
                .collect(Collectors.toSet());
        List<String> whole = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        for (FakeArm.Vm vm : vms) {
            boolean isWhole = vm.power() == VmInfo.PowerState.RUNNING && vm.provisioningState().equals("Succeeded")
                    && nics.contains(vm.name() + "-nic") && ips.contains(vm.name() + "-pip") && online.contains(vm.name());
            (isWhole ? whole : broken).add(vm.name());
        }
        return new Census(whole, broken, strays(nics, "-nic", names), strays(ips, "-pip", names),
                cloud.github().runners().stream().map(FakeRunner::name)
                        .filter(name -> name.startsWith("fleet-" + Pools.CI + "-") && !names.contains(name)).toList());
    }

    private static List<String> strays(List<String> resources, String suffix, Set<String> vms) {
        return resources.stream().filter(name -> name.endsWith(suffix)
                && !vms.contains(name.substring(0, name.length() - suffix.length()))).toList();
    }

    /** Leftovers of every kind, none of them a whole runner. */
    int leftovers() {
        return brokenVms.size() + strayNics.size() + strayIps.size() + strayRunners.size();
    }

    /** E.g. "2 whole; broken VMs [fleet-ci-x]; stray NICs [...]", naming only the kinds there are. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(whole.size()).append(" whole");
        append(text, "broken VMs", brokenVms);
        append(text, "stray NICs", strayNics);
        append(text, "stray IPs", strayIps);
        append(text, "stray registrations", strayRunners);
        return text.toString();
    }

    private static void append(StringBuilder text, String kind, List<String> names) {
        if (!names.isEmpty()) {
            text.append("; ").append(kind).append(' ').append(names);
        }
    }
}
