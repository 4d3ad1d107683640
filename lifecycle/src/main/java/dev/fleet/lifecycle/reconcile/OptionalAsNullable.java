package dev.fleet.lifecycle.reconcile;

import com.fasterxml.jackson.databind.util.StdConverter;
import java.util.Optional;

/** Writes an {@link Optional} as its value or null, so a plain ObjectMapper can print the reports as JSON. */
final class OptionalAsNullable extends StdConverter<Optional<?>, Object> {
    @Override
    public Object convert(Optional<?> value) {
        return value.orElse(null);
    }
}
