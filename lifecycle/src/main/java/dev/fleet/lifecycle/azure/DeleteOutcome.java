package dev.fleet.lifecycle.azure;

/** What came of {@link VmProvider#delete}. */
public sealed interface DeleteOutcome {

    /** The VM, and what it owned, is gone; {@code forced} when it was stuck in a failed state. */
    record Deleted(boolean forced) implements DeleteOutcome {
    }

    /** It was gone already, which is what deleting wanted. */
    record AlreadyGone() implements DeleteOutcome {
    }

    record Failed(String code, String message) implements DeleteOutcome {
    }

    default boolean succeeded() {
        return !(this instanceof Failed);
    }
}
