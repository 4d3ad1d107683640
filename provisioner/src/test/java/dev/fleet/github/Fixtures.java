package dev.fleet.github;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** GitHub's documented example bodies, from src/test/resources/github (see the README there). */
final class Fixtures {
    private Fixtures() {
    }

    static String github(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/github/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
