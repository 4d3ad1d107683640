package dev.fleet.lifecycle.azure;

import dev.fleet.config.AzurePlacement;
import java.util.Objects;

/**
 * Where a VM goes and what it runs, every field given: the config fills in fleet's defaults, once, before a placement
 * is made (see {@code PoolContext}). The subscription is not here: a provider signs in to one subscription (see
 * {@link AzureVmProviderFactory}).
 *
 * @param image a marketplace image URN, {@code publisher:offer:sku:version}
 */
public record Placement(String resourceGroup, String location, String vmSize, String image, String adminUser) {

    public Placement {
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(vmSize, "vmSize");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(adminUser, "adminUser");
        if (image.split(":", -1).length != 4) {
            throw new IllegalArgumentException("image must be a URN publisher:offer:sku:version, was " + image);
        }
    }

    public static Placement of(AzurePlacement placement) {
        return new Placement(placement.resourceGroup(), placement.location(), placement.vmSize(), placement.image(),
                placement.adminUser());
    }
}
