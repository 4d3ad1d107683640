package dev.fleet.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The config file's JSON Schema (draft 2020-12), for editors and for {@code fleet config schema}. */
public final class ConfigSchema {
    static final String RESOURCE = "/fleet-config.schema.json";

    private ConfigSchema() {
    }

    public static String json() {
        try (InputStream in = ConfigSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
