package dev.fleet.lifecycle.azure;

/** What came of {@link VmProvider#create}: a VM, or Azure's reason for refusing one. */
public sealed interface VmCreation {

    /**
     * @param sshAddress the public IP, or the private one for a private-only VM
     */
    record Created(VmInfo vm, String sshAddress) implements VmCreation {
    }

    /** Azure's error {@code code} and {@code message}, sorted into what the reconciler can act on. */
    record Failed(Category category, String code, String message) implements VmCreation {
    }

    /** Why a create failed, as far as the reconciler cares. */
    enum Category {
        /** The subscription's core, VM or Spot quota in the region is used up: wait, or ask for more. */
        QUOTA_EXCEEDED,
        /** The size is not offered to this subscription in this region (or zone): pick another size or region. */
        SKU_NOT_AVAILABLE,
        /** Azure had no Spot capacity: retry later or fall back to regular VMs. */
        SPOT_CAPACITY,
        OTHER
    }
}
