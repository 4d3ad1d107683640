package dev.fleet.lifecycle.azure;

import com.azure.core.management.exception.ManagementException;
import java.util.Optional;
import java.util.function.Supplier;

/** Small helpers around ARM reads. */
final class Arm {

    private Arm() {
    }

    /** The resource, or empty when ARM answers 404 (the SDK throws for that). */
    static <T> Optional<T> ifExists(Supplier<T> get) {
        try {
            return Optional.ofNullable(get.get());
        } catch (ManagementException e) {
            if (ArmErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
