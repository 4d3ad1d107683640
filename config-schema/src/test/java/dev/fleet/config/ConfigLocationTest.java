package dev.fleet.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.config.ConfigLocation.Source;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLocationTest {

    static Stream<Arguments> precedence() {
        return Stream.of(
                Arguments.of("/opt/cli.json", "/env/fleet.json", "/xdg", "/opt/cli.json", Source.OPTION),
                Arguments.of(null, "/env/fleet.json", "/xdg", "/env/fleet.json", Source.ENVIRONMENT),
                Arguments.of("", "/env/fleet.json", "/xdg", "/env/fleet.json", Source.ENVIRONMENT),
                Arguments.of(null, null, "/xdg", "/xdg/fleet/config.json", Source.XDG_CONFIG_HOME),
                Arguments.of(null, " ", "/xdg", "/xdg/fleet/config.json", Source.XDG_CONFIG_HOME),
                Arguments.of(null, null, "", "/home/ada/.config/fleet/config.json", Source.HOME),
                // The XDG spec says a relative value is invalid and to be ignored.
                Arguments.of(null, null, "relative", "/home/ada/.config/fleet/config.json", Source.HOME),
                Arguments.of(null, null, null, "/home/ada/.config/fleet/config.json", Source.HOME));
    }

    @ParameterizedTest
    @MethodSource("precedence")
    void optionBeatsEnvironmentBeatsXdgBeatsHome(String option, String fleetConfig, String xdg, String expected,
            Source source) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", "/home/ada");
        env.put("FLEET_CONFIG", fleetConfig);
        env.put("XDG_CONFIG_HOME", xdg);

        assertThat(ConfigLocation.resolve(option, env)).isEqualTo(new ConfigLocation(Path.of(expected), source));
    }

    @org.junit.jupiter.api.Test
    void withoutHomeInTheEnvironmentFallsBackToTheUserHomeProperty() {
        assertThat(ConfigLocation.resolve(null, Map.of()).path())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "fleet", "config.json"));
        assertThat(Source.XDG_CONFIG_HOME.description()).isEqualTo("$XDG_CONFIG_HOME");
    }
}
