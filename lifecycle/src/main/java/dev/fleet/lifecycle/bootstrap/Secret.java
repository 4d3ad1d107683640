package dev.fleet.lifecycle.bootstrap;

import java.util.Objects;

/**
 * A registration token or JIT config. {@link #toString()} hides it so it cannot slip into a log
 * line or an exception message by accident; {@link #reveal()} is the one deliberate way out.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException if blank or multi-line (the install script reads one line) */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret");
        if (value.isBlank() || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a secret must be one non-blank line");
        }
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "***";
    }
}
