package dev.fleet.lifecycle.azure;

import java.util.Locale;
import java.util.Objects;

/** A network resource fleet made for a pool: the pool's NSG or VNet, or a VM's NIC or public IP. */
public record FleetResource(Kind kind, String name, String pool, String resourceGroup) {

    /** In the order they can go: a NIC holds its public IP and refers to the NSG and the VNet's subnet. */
    public enum Kind { NIC, PUBLIC_IP, NSG, VNET }

    public FleetResource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(resourceGroup, "resourceGroup");
    }

    /** Its kind and name, as a report or log line names it: {@code public ip fleet-ci-abcd1234-ip}. */
    public String label() {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + name;
    }
}
