package dev.fleet.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** Where the config file is, and which setting said so. */
public record ConfigLocation(Path path, Source source) {
    static final String ENV_CONFIG = "FLEET_CONFIG";

    /** The settings that can name the file, strongest first. */
    public enum Source {
        OPTION("--config"),
        ENVIRONMENT("$" + ENV_CONFIG),
        XDG_CONFIG_HOME("$XDG_CONFIG_HOME"),
        HOME("$HOME/.config");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public ConfigLocation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(source, "source");
    }

    /**
     * {@code --config} > {@code $FLEET_CONFIG} > {@code $XDG_CONFIG_HOME/fleet/config.json} >
     * {@code $HOME/.config/fleet/config.json}. Everything comes from the arguments, so tests never see the real home;
     * only when {@code env} has no HOME does this fall back to the {@code user.home} property.
     */
    public static ConfigLocation resolve(String cliOption, Map<String, String> env) {
        if (isSet(cliOption)) {
            return new ConfigLocation(Path.of(cliOption), Source.OPTION);
        }
        String fromEnv = env.get(ENV_CONFIG);
        if (isSet(fromEnv)) {
            return new ConfigLocation(Path.of(fromEnv), Source.ENVIRONMENT);
        }
        Source source = XdgBase.CONFIG.fromVariable(env).isPresent() ? Source.XDG_CONFIG_HOME : Source.HOME;
        return new ConfigLocation(XdgBase.CONFIG.fleetFolder(env).resolve("config.json"), source);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
