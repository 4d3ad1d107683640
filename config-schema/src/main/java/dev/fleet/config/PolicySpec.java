package dev.fleet.config;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A scaling policy as the config names it: {@code fleet}, {@code azlin}, {@code min-idle}, or {@code min-idle:N} where
 * N is how many idle runners to keep ({@code min-idle} alone leaves N to the policy). Which class implements a name is
 * the autoscaler's business; the config only guarantees that the name is one of these.
 */
public record PolicySpec(String name, OptionalInt argument) {
    public static final List<String> NAMES = List.of("fleet", "azlin", "min-idle");
    /** The same pattern stands in the JSON Schema; a test keeps the two equal. */
    static final Pattern PATTERN = Pattern.compile("^(fleet|azlin|min-idle(:[0-9]{1,9})?)$");

    public PolicySpec {
        Objects.requireNonNull(argument, "argument");
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown scaling policy '" + name + "'; known: " + NAMES);
        }
        if (argument.isPresent() && (!"min-idle".equals(name) || argument.getAsInt() < 0)) {
            throw new IllegalArgumentException("only min-idle takes an argument, a count >= 0");
        }
    }

    public static PolicySpec parse(String text) {
        if (text == null || !PATTERN.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a scaling policy; use fleet, azlin, min-idle or min-idle:N");
        }
        int colon = text.indexOf(':');
        return colon < 0
                ? new PolicySpec(text, OptionalInt.empty())
                : new PolicySpec(text.substring(0, colon), OptionalInt.of(Integer.parseInt(text.substring(colon + 1))));
    }

    @Override
    public String toString() {
        return argument.isPresent() ? name + ":" + argument.getAsInt() : name;
    }
}
