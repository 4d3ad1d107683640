package dev.fleet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.cli.command.Json;
import dev.fleet.config.AzureSettings;
import dev.fleet.lifecycle.azure.AzureVmProviderFactory;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Where a pool's VMs go. The subscription and the SSH sources are shared by every pool, and so, while the config has
 * none, are the resource group and location: the first pool sets them. A later pool keeps its own group, location,
 * size and image only where they differ from what it would get anyway, so that the file says what is special.
 */
final class PlacementOptions {
    @Option(names = "--vm-size", paramLabel = "SIZE", description = "Azure VM size, like Standard_D4s_v5 "
            + "(default: azure.vmSize, " + AzureSettings.DEFAULT_VM_SIZE + ").")
    String vmSize;

    @Option(names = "--image", paramLabel = "URN", description = "Marketplace image publisher:offer:sku:version "
            + "(default: azure.image, " + AzureSettings.DEFAULT_IMAGE + ").")
    String image;

    @Option(names = "--resource-group", paramLabel = "NAME",
            description = "Resource group of the pool's VMs; created when missing. The first pool sets "
                    + "azure.resourceGroup, later ones override it for themselves.")
    String resourceGroup;

    @Option(names = "--location", paramLabel = "REGION", description = "Azure region of the pool's VMs, like "
            + "westeurope. The first pool sets azure.location, later ones override it for themselves.")
    String location;

    @Option(names = "--spot", negatable = true, description = "Run the VMs as Spot VMs: cheaper, and Azure may "
            + "evict them (--no-spot: regular VMs, the default).")
    Boolean spot;

    @Option(names = "--private-ip", negatable = true, description = "Give the VMs no public IP; fleet must then "
            + "reach their virtual network (--no-private-ip: a public IP, the default).")
    Boolean privateIp;

    @Option(names = "--subscription", paramLabel = "ID", description = "Azure subscription of every pool, set by "
            + "the first one (default: $" + AzureVmProviderFactory.SUBSCRIPTION_ENV + ").")
    String subscription;

    @Option(names = "--ssh-allowed-cidrs", split = ",", paramLabel = "CIDR,...",
            description = "Addresses fleet connects to the VMs' SSH from, like 203.0.113.7/32 for this machine; set "
                    + "by the first pool for every pool.")
    List<String> sshAllowedCidrs;

    /**
     * Lays the options given over {@code pool} and the shared settings of {@code edit}.
     *
     * @param subscriptionFromEnv {@code AZURE_SUBSCRIPTION_ID}, which a first pool may take instead of the option
     */
    void applyTo(ConfigEdit edit, ObjectNode pool, String path, String subscriptionFromEnv, MissingSettings missing) {
        AzureSettings global = edit.current().azure();
        ObjectNode shared = edit.azure();
        ObjectNode own = pool.withObjectProperty("azure");
        if (global.subscriptionId() == null) {
            share(shared, "subscriptionId", subscription != null ? subscription : subscriptionFromEnv,
                    "--subscription (or set " + AzureVmProviderFactory.SUBSCRIPTION_ENV + ")", missing);
        } else if (subscription != null && !subscription.equals(global.subscriptionId())) {
            missing.add("azure.subscriptionId", "every pool uses subscription " + global.subscriptionId()
                    + "; to move them to " + subscription + ", edit " + edit.path());
        }
        place(shared, own, "resourceGroup", resourceGroup, global.resourceGroup(), path, "--resource-group", missing);
        place(shared, own, "location", location, global.location(), path, "--location", missing);
        override(own, "vmSize", vmSize, global.vmSize());
        override(own, "image", image, global.image());
        overrideFlag(own, "spot", spot);
        overrideFlag(own, "privateIp", privateIp);
        sshSources(edit, shared, global, own.path("privateIp").asBoolean(false), missing);
    }

    private void sshSources(ConfigEdit edit, ObjectNode shared, AzureSettings global, boolean privateOnly,
            MissingSettings missing) {
        if (sshAllowedCidrs != null && !global.sshAllowedCidrs().isEmpty()
                && !Set.copyOf(sshAllowedCidrs).equals(Set.copyOf(global.sshAllowedCidrs()))) {
            missing.add("azure.sshAllowedCidrs", "every pool admits SSH from "
                    + String.join(",", global.sshAllowedCidrs()) + "; to change that for all of them, edit "
                    + edit.path());
        } else if (sshAllowedCidrs != null) {
            Json.putStrings(shared, "sshAllowedCidrs", sshAllowedCidrs);
        } else if (global.sshAllowedCidrs().isEmpty() && !privateOnly) {
            missing.add("azure.sshAllowedCidrs", "not set yet: pass --ssh-allowed-cidrs with the addresses fleet "
                    + "connects from (this machine's public IP as 203.0.113.7/32), or --private-ip");
        }
    }

    /** A shared setting, given now while the config has none. */
    private static void share(ObjectNode shared, String field, String value, String option, MissingSettings missing,
            String... restates) {
        if (value == null) {
            missing.add("azure." + field, "not set yet: pass " + option, restates);
        } else {
            shared.put(field, value);
        }
    }

    /** Resource group and location: shared while the config has none, else the pool's own where it differs. */
    private static void place(ObjectNode shared, ObjectNode own, String field, String value, String global,
            String path, String option, MissingSettings missing) {
        if (global != null) {
            override(own, field, value, global);
        } else if (value != null || !own.path(field).isTextual()) {
            share(shared, field, value, option, missing, path + ".azure." + field);
        }
    }

    /** A pool's own setting, kept only where it differs from what the pool would get anyway. */
    private static void override(ObjectNode own, String field, String value, String inherited) {
        if (value == null) {
            return;
        }
        if (value.equals(inherited)) {
            own.remove(field);
        } else {
            own.put(field, value);
        }
    }

    private static void overrideFlag(ObjectNode own, String field, Boolean value) {
        if (Boolean.TRUE.equals(value)) {
            own.put(field, true);
        } else if (value != null) {
            own.remove(field);
        }
    }
}
