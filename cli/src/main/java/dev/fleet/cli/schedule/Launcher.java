package dev.fleet.cli.schedule;

import dev.fleet.cli.command.FleetException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The command that starts this fleet, in absolute paths, for a timer or a crontab to run it later. */
@FunctionalInterface
public interface Launcher {
    /** Set by the {@code fleet} launcher script to its own path. */
    String ENV = "FLEET_LAUNCHER";

    List<String> command();

    /**
     * The launcher script when it started fleet (it keeps the class-data archive and {@code JAVA_OPTS}), else this
     * Java running this jar.
     */
    static Launcher of(Map<String, String> env) {
        return () -> {
            String script = env.get(ENV);
            if (script != null && !script.isBlank()) {
                return List.of(Path.of(script).toAbsolutePath().normalize().toString());
            }
            Path jar = ownJar();
            if (!Files.isRegularFile(jar)) {
                throw FleetException.failure("fleet runs from " + jar + ", not from its jar: run this through the "
                        + "fleet launcher or java -jar fleet.jar, so the schedule has a command to start", null);
            }
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
        };
    }

    private static Path ownJar() {
        try {
            return Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath()
                    .normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a code source location is a file URL", e);
        }
    }
}
