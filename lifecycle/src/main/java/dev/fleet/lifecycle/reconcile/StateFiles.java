package dev.fleet.lifecycle.reconcile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.fleet.config.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small JSON files of the state folder: written whole or not at all, readable by their owner only; read back as
 * absent, with a warning, when they do not parse, because a pass must never be stopped by its own bookkeeping.
 */
final class StateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(StateFiles.class);
    // A file written by a newer fleet may carry fields this one does not know; what it knows still counts.
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StateFiles() {
    }

    static <T> Optional<T> read(Path file, Class<T> type) {
        try {
            return parse(Files.readAllBytes(file), type, file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("ignoring {}: cannot read it ({})", file, e.getMessage());
            return Optional.empty();
        }
    }

    static <T> Optional<T> parse(byte[] content, Class<T> type, Path file) {
        try {
            return Optional.ofNullable(JSON.readValue(content, type));
        } catch (IOException e) {
            LOG.warn("ignoring {}: it is not what fleet writes there ({})", file, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Replaces {@code file} with {@code value}: readers see the old content or the new, never a part. */
    static void write(Path file, Object value) {
        Path temp = null;
        try {
            OwnerOnlyFiles.createFolder(file.getParent());
            temp = OwnerOnlyFiles.createTemp(file.getParent(), "." + file.getFileName() + ".", ".tmp");
            Files.write(temp, bytes(value));
            OwnerOnlyFiles.replace(temp, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            OwnerOnlyFiles.deleteQuietly(temp);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
