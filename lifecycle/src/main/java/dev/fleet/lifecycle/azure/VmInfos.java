package dev.fleet.lifecycle.azure;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import java.util.Locale;
import java.util.Map;

/** Turns ARM's VM body into a {@link VmInfo}. */
final class VmInfos {

    private static final String POWER_STATE = "PowerState/";

    private VmInfos() {
    }

    static VmInfo of(VirtualMachineInner vm, String resourceGroup) {
        Map<String, String> tags = vm.tags() == null ? Map.of() : vm.tags();
        return new VmInfo(vm.name(), tags.get(FleetTags.POOL), resourceGroup, powerState(vm), provisioningState(vm),
                FleetTags.created(tags), tags.get(FleetTags.SCOPE));
    }

    static VmInfo.ProvisioningState provisioningState(VirtualMachineInner vm) {
        return parse(VmInfo.ProvisioningState.class, vm.provisioningState(), VmInfo.ProvisioningState.UNKNOWN);
    }

    /** From the {@code PowerState/running} status; absent when the VM was read without its instance view. */
    private static VmInfo.PowerState powerState(VirtualMachineInner vm) {
        if (vm.instanceView() == null || vm.instanceView().statuses() == null) {
            return VmInfo.PowerState.UNKNOWN;
        }
        return vm.instanceView().statuses().stream()
                .map(InstanceViewStatus::code)
                .filter(code -> code != null && code.startsWith(POWER_STATE))
                .findFirst()
                .map(code -> parse(VmInfo.PowerState.class, code.substring(POWER_STATE.length()),
                        VmInfo.PowerState.UNKNOWN))
                .orElse(VmInfo.PowerState.UNKNOWN);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, E unknown) {
        if (value == null) {
            return unknown;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return unknown;
        }
    }
}
