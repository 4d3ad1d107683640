package dev.fleet.lifecycle.azure;

import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The network a pool's VMs share: one NSG, one VNet and one subnet per pool, created on first use and reused after.
 * Reuse is read-then-write rather than a blind PUT because a PUT of a VNet without its subnets would try to delete
 * them, and a PUT of an NSG in use by NICs touches every one of them.
 */
final class PoolNetwork {

    private static final String SSH_RULE = "fleet-ssh";
    private static final String SUBNET = "runners";
    // Pools never peer, so every pool's VNet can use the same private range.
    private static final String VNET_RANGE = "10.100.0.0/16";
    private static final String SUBNET_RANGE = "10.100.0.0/20";
    private static final String VNET_ONLY = "VirtualNetwork";

    /** What a NIC needs from the pool's network. */
    record Ids(String subnetId, String nsgId) {
    }

    /** What the pool's network was checked against: a change in any of these checks it again. */
    private record Checked(String resourceGroup, String location, int sshPort, List<String> sshSources, Ids ids) {
        boolean fits(VmRequest request) {
            return resourceGroup.equals(request.placement().resourceGroup())
                    && location.equals(request.placement().location())
                    && sshPort == request.sshPort()
                    && sshSources.equals(request.sshAllowedCidrs());
        }
    }

    private final NetworkManagementClient network;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Checked> checked = new ConcurrentHashMap<>();

    PoolNetwork(NetworkManagementClient network) {
        this.network = network;
    }

    /**
     * One pool's VMs may be created in parallel; serialising this step keeps them from racing to create the same NSG
     * or VNet, which ARM answers with a conflict. Once checked, the network is taken as it is for the pool's later
     * VMs in this process, so a batch of creates does not queue behind three GETs each.
     */
    Ids ensure(VmRequest request) {
        synchronized (locks.computeIfAbsent(request.pool(), pool -> new Object())) {
            Checked known = checked.get(request.pool());
            if (known != null && known.fits(request)) {
                return known.ids();
            }
            String rg = request.placement().resourceGroup();
            String nsgId = ensureNsg(request, rg).id();
            Ids ids = new Ids(ensureSubnet(request, rg).id(), nsgId);
            checked.put(request.pool(), new Checked(rg, request.placement().location(), request.sshPort(),
                    request.sshAllowedCidrs(), ids));
            return ids;
        }
    }

    /** A create failed: the network may have changed under fleet, so the next create checks it again. */
    void forget(String pool) {
        checked.remove(pool);
    }

    private static String nsgName(String pool) {
        return "fleet-" + pool + "-nsg";
    }

    private static String vnetName(String pool) {
        return "fleet-" + pool + "-vnet";
    }

    private NetworkSecurityGroupInner ensureNsg(VmRequest request, String rg) {
        String name = nsgName(request.pool());
        List<String> sources = sshSources(request);
        Optional<NetworkSecurityGroupInner> existing =
                Arm.ifExists(() -> network.getNetworkSecurityGroups().getByResourceGroup(rg, name));
        if (existing.isPresent()) {
            requireFleets(existing.get().tags(), "network security group", name);
            if (allowsExactly(existing.get(), sources, request.sshPort())) {
                return existing.get();
            }
        }
        // Created, or brought back to the configured port and CIDRs after the config changed.
        return network.getNetworkSecurityGroups().createOrUpdate(rg, name, new NetworkSecurityGroupInner()
                .withLocation(request.placement().location())
                .withTags(FleetTags.forPool(request.pool()))
                .withSecurityRules(List.of(sshRule(sources, request.sshPort()))));
    }

    private SubnetInner ensureSubnet(VmRequest request, String rg) {
        String vnet = vnetName(request.pool());
        Optional<VirtualNetworkInner> existing =
                Arm.ifExists(() -> network.getVirtualNetworks().getByResourceGroup(rg, vnet));
        if (existing.isPresent()) {
            requireFleets(existing.get().tags(), "virtual network", vnet);
            Optional<SubnetInner> subnet = Arm.ifExists(() -> network.getSubnets().get(rg, vnet, SUBNET));
            if (subnet.isPresent()) {
                return subnet.get();
            }
        } else {
            network.getVirtualNetworks().createOrUpdate(rg, vnet, new VirtualNetworkInner()
                    .withLocation(request.placement().location())
                    .withTags(FleetTags.forPool(request.pool()))
                    .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of(VNET_RANGE))));
        }
        return network.getSubnets().createOrUpdate(rg, vnet, SUBNET,
                new SubnetInner().withAddressPrefix(SUBNET_RANGE));
    }

    /** A private-only pool without CIDRs is reached from inside its VNet; a public one always has CIDRs. */
    private static List<String> sshSources(VmRequest request) {
        return request.sshAllowedCidrs().isEmpty() ? List.of(VNET_ONLY) : request.sshAllowedCidrs();
    }

    private static SecurityRuleInner sshRule(List<String> sources, int port) {
        return new SecurityRuleInner()
                .withName(SSH_RULE)
                .withPriority(100)
                .withDirection(SecurityRuleDirection.INBOUND)
                .withAccess(SecurityRuleAccess.ALLOW)
                .withProtocol(SecurityRuleProtocol.TCP)
                .withSourcePortRange("*")
                .withSourceAddressPrefixes(sources)
                .withDestinationAddressPrefix("*")
                .withDestinationPortRange(String.valueOf(port));
    }

    private static boolean allowsExactly(NetworkSecurityGroupInner nsg, List<String> sources, int port) {
        return nsg.securityRules() != null && nsg.securityRules().stream()
                .filter(rule -> SSH_RULE.equals(rule.name()))
                .anyMatch(rule -> String.valueOf(port).equals(rule.destinationPortRange())
                        && rule.sourceAddressPrefixes() != null
                        && new HashSet<>(rule.sourceAddressPrefixes()).equals(new HashSet<>(sources)));
    }

    private static void requireFleets(Map<String, String> tags, String kind, String name) {
        if (!FleetTags.isFleets(tags)) {
            throw new ForeignResourceException(kind + " " + name + " exists but is not tagged "
                    + FleetTags.MANAGED_BY + "=" + FleetTags.FLEET + "; fleet does not change resources it did not create");
        }
    }

    /** A resource with the name fleet would use exists and is not fleet's. */
    static final class ForeignResourceException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForeignResourceException(String message) {
            super(message);
        }
    }
}
