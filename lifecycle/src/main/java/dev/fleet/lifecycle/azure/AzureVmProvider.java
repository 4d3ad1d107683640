package dev.fleet.lifecycle.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.ExpandTypeForListVMs;
import com.azure.resourcemanager.network.fluent.NetworkInterfacesClient;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.PublicIpAddressesClient;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link VmProvider} over Azure Resource Manager, through the SDK's generated (inner) clients. */
final class AzureVmProvider implements VmProvider {

    private static final Logger LOG = LoggerFactory.getLogger(AzureVmProvider.class);

    private final VirtualMachinesClient vms;
    private final NetworkManagementClient network;
    private final PoolNetwork poolNetwork;
    private final Function<String, String> resourceGroupOfPool;
    private final BootDiagnosticsLog bootDiagnostics;

    /**
     * @param resourceGroupOfPool where each pool's VMs live; throws for a pool it does not know
     * @param http                the bare HTTP client, for what ARM points to outside itself (boot diagnostics)
     */
    AzureVmProvider(VirtualMachinesClient vms, NetworkManagementClient network,
            Function<String, String> resourceGroupOfPool, HttpClient http) {
        this.vms = vms;
        this.network = network;
        this.poolNetwork = new PoolNetwork(network);
        this.resourceGroupOfPool = resourceGroupOfPool;
        this.bootDiagnostics = new BootDiagnosticsLog(vms, http);
    }

    @Override
    public VmCreation create(VmRequest request) {
        String rg = request.placement().resourceGroup();
        VmSpec spec = new VmSpec(request);
        try {
            PoolNetwork.Ids ids = poolNetwork.ensure(request);
            PublicIpAddressInner publicIp = request.privateIpOnly()
                    ? null
                    : network.getPublicIpAddresses().createOrUpdate(rg, spec.publicIpName(), spec.publicIp());
            NetworkInterfaceInner nic = network.getNetworkInterfaces()
                    .createOrUpdate(rg, spec.nicName(), spec.nic(ids, publicIp == null ? null : publicIp.id()));
            VirtualMachineInner vm = vms.createOrUpdate(rg, request.name(), spec.vm(nic.id()));
            return new VmCreation.Created(VmInfos.of(vm, rg), sshAddress(publicIp, nic));
        } catch (ManagementException e) {
            LOG.warn("creating VM {} in {} failed: {} {}", request.name(), rg, ArmErrors.code(e), ArmErrors.message(e));
            poolNetwork.forget(request.pool());
            removeLeftovers(request);
            return ArmErrors.creationFailure(e, request.spot());
        } catch (PoolNetwork.ForeignResourceException e) {
            return new VmCreation.Failed(VmCreation.Category.OTHER, "NotManagedByFleet", e.getMessage());
        }
    }

    @Override
    public List<VmInfo> list(String pool) {
        return listGroup(resourceGroupOfPool.apply(pool)).stream()
                .filter(vm -> pool.equals(vm.pool()))
                .collect(Collectors.toUnmodifiableList());
    }

    @Override
    public List<VmInfo> listGroup(String rg) {
        // One paged call for the whole group, instance views included; the tag filter is ours, ARM's VM list has none.
        return vms.listByResourceGroup(rg, null, ExpandTypeForListVMs.INSTANCE_VIEW, Context.NONE).stream()
                .filter(vm -> FleetTags.pool(vm.tags()) != null)
                .map(vm -> VmInfos.of(vm, rg))
                .collect(Collectors.toUnmodifiableList());
    }

    @Override
    public List<FleetResource> listNetwork(String rg) {
        List<FleetResource> found = new ArrayList<>();
        network.getNetworkInterfaces().listByResourceGroup(rg)
                .forEach(nic -> add(found, FleetResource.Kind.NIC, nic.name(), nic.tags(), rg));
        network.getPublicIpAddresses().listByResourceGroup(rg)
                .forEach(ip -> add(found, FleetResource.Kind.PUBLIC_IP, ip.name(), ip.tags(), rg));
        network.getNetworkSecurityGroups().listByResourceGroup(rg)
                .forEach(nsg -> add(found, FleetResource.Kind.NSG, nsg.name(), nsg.tags(), rg));
        network.getVirtualNetworks().listByResourceGroup(rg)
                .forEach(vnet -> add(found, FleetResource.Kind.VNET, vnet.name(), vnet.tags(), rg));
        return List.copyOf(found);
    }

    private static void add(List<FleetResource> found, FleetResource.Kind kind, String name, Map<String, String> tags,
            String rg) {
        String pool = FleetTags.pool(tags);
        if (pool != null) {
            found.add(new FleetResource(kind, name, pool, rg));
        }
    }

    @Override
    public DeleteOutcome delete(FleetResource resource) {
        String rg = resource.resourceGroup();
        String name = resource.name();
        try {
            switch (resource.kind()) {
                case NIC -> network.getNetworkInterfaces().delete(rg, name);
                case PUBLIC_IP -> network.getPublicIpAddresses().delete(rg, name);
                case NSG -> network.getNetworkSecurityGroups().delete(rg, name);
                case VNET -> network.getVirtualNetworks().delete(rg, name);
            }
            poolNetwork.forget(resource.pool());
            return new DeleteOutcome.Deleted(false);
        } catch (ManagementException e) {
            return ArmErrors.isNotFound(e)
                    ? new DeleteOutcome.AlreadyGone()
                    : new DeleteOutcome.Failed(ArmErrors.code(e), ArmErrors.message(e));
        }
    }

    @Override
    public DeleteOutcome delete(VmInfo vm) {
        String rg = vm.resourceGroup();
        try {
            // Read the VM afresh: the VmInfo may be stale or hand-made, and deleting goes by name alone.
            Optional<VirtualMachineInner> current = Arm.ifExists(() -> vms.getByResourceGroup(rg, vm.name()));
            if (current.isEmpty()) {
                removeNetworkLeftBy(vm);
                return new DeleteOutcome.AlreadyGone();
            }
            if (!FleetTags.inPool(current.get().tags(), vm.pool())) {
                return new DeleteOutcome.Failed("NotManagedByFleet", "VM " + vm.name() + " in " + rg
                        + " is not tagged as a VM of pool " + vm.pool() + "; fleet does not delete it");
            }
            // A VM stuck in Failed often will not go with a graceful delete; forcing skips the guest shutdown. Sent
            // either way: since api-version 2024-11-01 an unspecified forceDeletion means "force" for a VM whose disks
            // are all marked for deletion, which is every fleet VM.
            boolean force = VmInfos.provisioningState(current.get()) == VmInfo.ProvisioningState.FAILED;
            vms.delete(rg, vm.name(), force, Context.NONE);
            return new DeleteOutcome.Deleted(force);
        } catch (ManagementException e) {
            return ArmErrors.isNotFound(e)
                    ? new DeleteOutcome.AlreadyGone()
                    : new DeleteOutcome.Failed(ArmErrors.code(e), ArmErrors.message(e));
        }
    }

    @Override
    public SerialConsole serialConsole(VmInfo vm) {
        return bootDiagnostics.read(vm);
    }

    /**
     * A create cut short between its steps (the process killed, or a call that never answered) leaves the VM's NIC
     * and public IP without the VM; nothing lists them, and a public IP is billed.
     */
    private void removeNetworkLeftBy(VmInfo vm) {
        removeNetworkOf(vm.resourceGroup(), vm.pool(), vm.name());
    }

    /**
     * A failed create must not leave a public IP or NIC behind that nothing lists. Deleting the VM first frees the
     * NIC (a VM whose creation failed still holds it). A VM of that name that this request did not create is a live
     * runner, whose NIC and IP these are: leave it all.
     */
    private void removeLeftovers(VmRequest request) {
        String rg = request.placement().resourceGroup();
        try {
            Optional<VirtualMachineInner> vm = Arm.ifExists(() -> vms.getByResourceGroup(rg, request.name()));
            if (vm.isPresent() && !FleetTags.createdBy(vm.get().tags(), request)) {
                LOG.warn("VM {} in {} predates this create; not cleaning up after it", request.name(), rg);
                return;
            }
            if (vm.isPresent()) {
                vms.delete(rg, request.name(), Boolean.TRUE, Context.NONE);
            }
            removeNetworkOf(rg, request.pool(), request.name());
        } catch (ManagementException e) {
            LOG.warn("cleaning up after failed VM {} in {}: {} {}", request.name(), rg, ArmErrors.code(e),
                    ArmErrors.message(e));
        }
    }

    /**
     * Deletes the NIC and public IP named after VM {@code vm} when they carry fleet's tags for that VM of that pool:
     * deleting goes by name, and a resource of that name may be someone else's. The NIC goes first, since it holds
     * the IP.
     */
    private void removeNetworkOf(String rg, String pool, String vm) {
        NetworkInterfacesClient nics = network.getNetworkInterfaces();
        String nicName = VmSpec.nicName(vm);
        Arm.ifExists(() -> nics.getByResourceGroup(rg, nicName))
                .filter(nic -> isOf(nic.tags(), pool, vm))
                .ifPresent(nic -> nics.delete(rg, nicName));
        PublicIpAddressesClient ips = network.getPublicIpAddresses();
        String ipName = VmSpec.publicIpName(vm);
        Arm.ifExists(() -> ips.getByResourceGroup(rg, ipName))
                .filter(ip -> isOf(ip.tags(), pool, vm))
                .ifPresent(ip -> ips.delete(rg, ipName));
    }

    private static boolean isOf(Map<String, String> tags, String pool, String vm) {
        return FleetTags.inPool(tags, pool) && vm.equals(tags.get(FleetTags.RUNNER));
    }

    private static String sshAddress(PublicIpAddressInner publicIp, NetworkInterfaceInner nic) {
        return publicIp != null ? publicIp.ipAddress() : nic.ipConfigurations().get(0).privateIpAddress();
    }
}
