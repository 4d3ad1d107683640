package dev.fleet.config;

import java.util.Objects;

/**
 * One broken rule: {@code path} names the field ({@code pools[ci].scaling.maxRunners}; empty for the file as a whole)
 * and {@code message} says what is wrong with it.
 */
public record ConfigProblem(String path, String message) {
    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
