package dev.fleet.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The XDG base directories fleet keeps its files under: the config folder for the config file, the state folder for
 * run state (the HTTP cache, later the last scaling action and the reconcile lock). Everything is read from the given
 * environment, so tests never see the real home; only when it has no HOME does the {@code user.home} property count.
 */
public enum XdgBase {
    CONFIG("XDG_CONFIG_HOME", Path.of(".config")),
    STATE("XDG_STATE_HOME", Path.of(".local", "state"));

    private final String variable;
    private final Path underHome;

    XdgBase(String variable, Path underHome) {
        this.variable = variable;
        this.underHome = underHome;
    }

    /** fleet's folder here: {@code $XDG_…/fleet} where the spec lets that variable count, else under the home. */
    public Path fleetFolder(Map<String, String> env) {
        return fromVariable(env).orElseGet(() -> fromHome(env)).resolve("fleet");
    }

    /** The variable's folder, when it is set and absolute: the spec says an empty or relative value is ignored. */
    Optional<Path> fromVariable(Map<String, String> env) {
        String value = env.get(variable);
        return isSet(value) && Path.of(value).isAbsolute() ? Optional.of(Path.of(value)) : Optional.empty();
    }

    Path fromHome(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(isSet(home) ? home : System.getProperty("user.home")).resolve(underHome);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
