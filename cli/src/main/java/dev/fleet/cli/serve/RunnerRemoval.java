package dev.fleet.cli.serve;

import java.util.Objects;

/**
 * Removes one runner of fleet's now, by name: its registration, its VM and what the VM had of its own. Only a runner
 * of a configured pool (its VM tagged with that pool) is ever touched; a busy one only when forced.
 */
@FunctionalInterface
public interface RunnerRemoval {
    Removal remove(String runner, boolean force);

    /** How a removal went, and one line saying so. */
    record Removal(Status status, String pool, String message) {
        public Removal {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
        }
    }

    enum Status {
        REMOVED,
        /** Running a job, and not forced: left to finish it. */
        BUSY,
        /** No runner of any configured pool by that name. */
        NOT_FOUND,
        FAILED
    }
}
