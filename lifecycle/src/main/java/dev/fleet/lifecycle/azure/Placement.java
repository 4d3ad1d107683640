package dev.fleet.lifecycle.azure;

import dev.fleet.config.AzurePlacement;
import dev.fleet.config.AzureSettings;
import java.util.Objects;

/**
 * Where a VM goes and what it runs. The subscription is not here: a provider signs in to one subscription (see
 * {@link AzureVmProviderFactory}).
 *
 * @param image a marketplace image URN, {@code publisher:offer:sku:version}
 */
public record Placement(String resourceGroup, String location, String vmSize, String image, String adminUser) {

    public Placement {
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(location, "location");
        vmSize = Objects.requireNonNullElse(vmSize, AzureSettings.DEFAULT_VM_SIZE);
        image = Objects.requireNonNullElse(image, AzureSettings.DEFAULT_IMAGE);
        adminUser = Objects.requireNonNullElse(adminUser, AzureSettings.DEFAULT_ADMIN_USER);
        if (image.split(":", -1).length != 4) {
            throw new IllegalArgumentException("image must be a URN publisher:offer:sku:version, was " + image);
        }
    }

    public static Placement of(AzurePlacement placement) {
        return new Placement(placement.resourceGroup(), placement.location(), placement.vmSize(), placement.image(),
                placement.adminUser());
    }
}
