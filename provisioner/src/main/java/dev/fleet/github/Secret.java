package dev.fleet.github;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;

/**
 * A value that must never be printed: a token, a JWT, a registration token or a JIT config. {@code toString} is
 * {@code ***}, and Jackson cannot serialize it (it has no properties), so it cannot leak into a log line, an exception
 * message or {@code --output json} by accident. Only {@link #reveal()} hands the value out.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret itself, for the one place that must send it (an HTTP header, a VM's environment). */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "***";
    }
}
