package dev.fleet.lifecycle.azure;

import com.azure.core.management.SubResource;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.BillingProfile;
import com.azure.resourcemanager.compute.models.BootDiagnostics;
import com.azure.resourcemanager.compute.models.CachingTypes;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.DiagnosticsProfile;
import com.azure.resourcemanager.compute.models.DiffDiskOptions;
import com.azure.resourcemanager.compute.models.DiffDiskSettings;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.DiskDeleteOptionTypes;
import com.azure.resourcemanager.compute.models.HardwareProfile;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.LinuxConfiguration;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.NetworkProfile;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.SshConfiguration;
import com.azure.resourcemanager.compute.models.SshPublicKey;
import com.azure.resourcemanager.compute.models.StorageAccountTypes;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineEvictionPolicyTypes;
import com.azure.resourcemanager.compute.models.VirtualMachinePriorityTypes;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.network.models.IpVersion;
import com.azure.resourcemanager.network.models.PublicIpAddressSku;
import com.azure.resourcemanager.network.models.PublicIpAddressSkuName;
import java.util.List;
import java.util.Objects;

/** The ARM bodies of one runner VM and the public IP and NIC it owns. */
final class VmSpec {

    private static final double NO_PRICE_CAP = -1;

    private final VmRequest request;

    VmSpec(VmRequest request) {
        this.request = request;
    }

    String publicIpName() {
        return publicIpName(request.name());
    }

    String nicName() {
        return nicName(request.name());
    }

    static String publicIpName(String vm) {
        return vm + "-pip";
    }

    static String nicName(String vm) {
        return vm + "-nic";
    }

    String osDiskName() {
        return request.name() + "-osdisk";
    }

    PublicIpAddressInner publicIp() {
        return new PublicIpAddressInner()
                .withLocation(request.placement().location())
                .withTags(FleetTags.of(request))
                .withSku(new PublicIpAddressSku().withName(PublicIpAddressSkuName.STANDARD))
                .withPublicIpAllocationMethod(IpAllocationMethod.STATIC)
                .withPublicIpAddressVersion(IpVersion.IPV4)
                .withDeleteOption(com.azure.resourcemanager.network.models.DeleteOptions.DELETE);
    }

    /** @param publicIpId {@code null} for a private-only VM */
    NetworkInterfaceInner nic(PoolNetwork.Ids network, String publicIpId) {
        NetworkInterfaceIpConfigurationInner ipConfig = new NetworkInterfaceIpConfigurationInner()
                .withName("ipconfig1")
                .withPrimary(true)
                .withPrivateIpAllocationMethod(IpAllocationMethod.DYNAMIC)
                .withSubnet(new SubnetInner().withId(network.subnetId()));
        if (publicIpId != null) {
            ipConfig.withPublicIpAddress(new PublicIpAddressInner().withId(publicIpId));
        }
        return new NetworkInterfaceInner()
                .withLocation(request.placement().location())
                .withTags(FleetTags.of(request))
                .withNetworkSecurityGroup(new NetworkSecurityGroupInner().withId(network.nsgId()))
                .withIpConfigurations(List.of(ipConfig));
    }

    VirtualMachineInner vm(String nicId) {
        Placement placement = request.placement();
        VirtualMachineInner vm = new VirtualMachineInner()
                .withLocation(placement.location())
                .withTags(FleetTags.of(request))
                .withHardwareProfile(new HardwareProfile()
                        .withVmSize(VirtualMachineSizeTypes.fromString(placement.vmSize())))
                .withStorageProfile(new StorageProfile()
                        .withImageReference(image(placement.image()))
                        .withOsDisk(osDisk())
                        .withDataDisks(List.of()))
                .withOsProfile(new OSProfile()
                        .withComputerName(request.name())
                        .withAdminUsername(placement.adminUser())
                        .withCustomData(request.customDataBase64())
                        .withLinuxConfiguration(new LinuxConfiguration()
                                .withDisablePasswordAuthentication(true)
                                .withSsh(new SshConfiguration().withPublicKeys(List.of(new SshPublicKey()
                                        .withPath("/home/" + placement.adminUser() + "/.ssh/authorized_keys")
                                        .withKeyData(request.userPublicKeyOpenSsh()))))))
                .withNetworkProfile(new NetworkProfile().withNetworkInterfaces(List.of(new NetworkInterfaceReference()
                        .withId(nicId)
                        .withPrimary(true)
                        .withDeleteOption(DeleteOptions.DELETE))))
                // Managed boot diagnostics (no storage URI: Azure keeps the log) give the serial console to read when
                // a runner never came online.
                .withDiagnosticsProfile(new DiagnosticsProfile().withBootDiagnostics(new BootDiagnostics()
                        .withEnabled(true)));
        if (request.spot()) {
            // Delete, not Deallocate: an evicted ephemeral runner is worth nothing, and deallocated VMs keep quota.
            vm.withPriority(VirtualMachinePriorityTypes.SPOT)
                    .withEvictionPolicy(VirtualMachineEvictionPolicyTypes.DELETE)
                    .withBillingProfile(new BillingProfile()
                            .withMaxPrice(Objects.requireNonNullElse(request.maxPrice(), NO_PRICE_CAP)));
        }
        return vm;
    }

    private OSDisk osDisk() {
        OSDisk disk = new OSDisk()
                .withName(osDiskName())
                .withCreateOption(DiskCreateOptionTypes.FROM_IMAGE)
                .withDeleteOption(DiskDeleteOptionTypes.DELETE);
        if (request.ephemeralOsDisk()) {
            // An ephemeral disk lives in the VM's cache or temp disk, which only supports read-only host caching.
            return disk.withCaching(CachingTypes.READ_ONLY)
                    .withDiffDiskSettings(new DiffDiskSettings().withOption(DiffDiskOptions.LOCAL));
        }
        return disk.withCaching(CachingTypes.READ_WRITE)
                .withManagedDisk(new ManagedDiskParameters().withStorageAccountType(StorageAccountTypes.STANDARD_SSD_LRS));
    }

    private static ImageReference image(String urn) {
        String[] parts = urn.split(":", -1);
        return new ImageReference()
                .withPublisher(parts[0])
                .withOffer(parts[1])
                .withSku(parts[2])
                .withVersion(parts[3]);
    }
}
