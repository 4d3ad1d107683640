package dev.fleet.lifecycle;

import java.util.Objects;
import java.util.Optional;

/**
 * What came of {@link Provisioning#rotate}.
 *
 * @param replacement how provisioning the new VM went
 * @param old         how destroying the old VM went; empty when the replacement failed and the old one was kept
 */
public record RotateOutcome(Status status, ProvisionOutcome replacement, Optional<DestroyOutcome> old) {

    public enum Status {
        /** The replacement is online and the old VM is gone. */
        ROTATED,
        /** The replacement is online; the old runner took a job meanwhile and was kept. */
        OLD_BUSY,
        /** The replacement is online; the old VM could not be destroyed (see {@link #old}). */
        OLD_NOT_DESTROYED,
        /** No replacement came online; the old VM was kept. */
        REPLACEMENT_FAILED
    }

    public RotateOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(old, "old");
    }
}
