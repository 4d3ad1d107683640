package dev.fleet.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

final class Values {
    private Values() {
    }

    /**
     * An unmodifiable copy that, unlike {@link List#copyOf}, keeps null elements: a {@code null} in a JSON array must
     * reach the validator as a problem with a path, not fail inside Jackson as a NullPointerException.
     */
    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }
}
