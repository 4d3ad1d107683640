package dev.fleet.lifecycle.azure;

import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads ARM's error bodies: "is it a 404", Azure's own code and message, and which {@link VmCreation.Category} a
 * refusal falls in.
 */
public final class ArmErrors {

    private static final Set<String> ALLOCATION_FAILURES = Set.of(
            "AllocationFailed", "ZonalAllocationFailed",
            "OverconstrainedAllocationRequest", "OverconstrainedZonalAllocationRequest");

    private ArmErrors() {
    }

    static boolean isNotFound(ManagementException e) {
        return e.getResponse() != null && e.getResponse().getStatusCode() == 404;
    }

    public static String code(ManagementException e) {
        return e.getValue() != null && e.getValue().getCode() != null ? e.getValue().getCode() : "Unknown";
    }

    public static String message(ManagementException e) {
        return e.getValue() != null && e.getValue().getMessage() != null ? e.getValue().getMessage() : e.getMessage();
    }

    static VmCreation.Failed creationFailure(ManagementException e, boolean spot) {
        return new VmCreation.Failed(category(e, spot), code(e), message(e));
    }

    /**
     * The top-level code is often generic (a quota refusal comes as {@code OperationNotAllowed} with "quota" in the
     * message, a deployment failure wraps the real code in {@code details}), so every error in the tree is looked at.
     */
    private static VmCreation.Category category(ManagementException e, boolean spot) {
        List<ManagementError> errors = flatten(e.getValue());
        if (errors.stream().anyMatch(ArmErrors::isQuota)) {
            return VmCreation.Category.QUOTA_EXCEEDED;
        }
        if (errors.stream().anyMatch(error -> "SkuNotAvailable".equals(error.getCode()))) {
            return VmCreation.Category.SKU_NOT_AVAILABLE;
        }
        if (spot && errors.stream().anyMatch(error -> ALLOCATION_FAILURES.contains(error.getCode()))) {
            return VmCreation.Category.SPOT_CAPACITY;
        }
        return VmCreation.Category.OTHER;
    }

    private static boolean isQuota(ManagementError error) {
        return "QuotaExceeded".equals(error.getCode())
                || "OperationNotAllowed".equals(error.getCode()) && error.getMessage() != null
                        && error.getMessage().toLowerCase(Locale.ROOT).contains("quota");
    }

    private static List<ManagementError> flatten(ManagementError root) {
        List<ManagementError> all = new ArrayList<>();
        if (root != null) {
            all.add(root);
            if (root.getDetails() != null) {
                root.getDetails().forEach(detail -> all.addAll(flatten(detail)));
            }
        }
        return all;
    }
}
