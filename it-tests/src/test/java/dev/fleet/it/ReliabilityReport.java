package dev.fleet.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The figures of the reliability suite: each line goes to stdout prefixed {@code reliability:}, where the build log
 * shows it, and to {@code it-tests/target/reliability.txt}, where a person finds them together.
 */
final class ReliabilityReport {
    static final String PREFIX = "reliability: ";
    private static final Path FILE = FleetProcess.REPO.resolve("it-tests/target/reliability.txt");

    private ReliabilityReport() {
    }

    static synchronized void line(String text) {
        System.out.println(PREFIX + text);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, PREFIX + text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
