package dev.fleet.lifecycle;

import java.util.Objects;

/** What came of {@link Provisioning#destroy}. */
public record DestroyOutcome(Status status, String message) {

    public enum Status {
        /** The runner registration and the VM are gone (or were already). */
        DESTROYED,
        /** The runner is running a job; nothing was touched. */
        BUSY,
        /** Something could not be deleted; what was left stays for the next pass. */
        FAILED
    }

    public DestroyOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    static DestroyOutcome destroyed(String vmName) {
        return new DestroyOutcome(Status.DESTROYED, "VM " + vmName + " and its runner are gone");
    }

    static DestroyOutcome busy(String vmName) {
        return new DestroyOutcome(Status.BUSY, "runner " + vmName + " is running a job; left alone");
    }

    static DestroyOutcome failed(String message) {
        return new DestroyOutcome(Status.FAILED, message);
    }
}
