package dev.fleet.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads and saves the config file. A missing file is the default config. A save validates first, never writes over a
 * file that does not parse (its content would be lost), and replaces the file atomically: readers and a crash at any
 * point see either the old file or the new one, never a mix.
 */
public final class ConfigStore {
    /** Writes the new file's content; a seam for tests that make a save fail half way. */
    interface ContentWriter {
        void write(FileChannel channel, ByteBuffer content) throws IOException;
    }

    /** A config with hundreds of pools is tens of kilobytes; a file past this is not one. */
    static final long MAX_BYTES = 1024 * 1024;

    private final Path path;
    private final ContentWriter writer;

    public ConfigStore(Path path) {
        this(path, ConfigStore::writeFully);
    }

    ConfigStore(Path path, ContentWriter writer) {
        this.path = Objects.requireNonNull(path, "path");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /**
     * The config in the file, or the defaults when there is no file; throws {@link ConfigException} naming the file
     * and every problem in it.
     */
    public FleetConfig load() {
        Optional<String> text = readText();
        try {
            return text.map(ConfigParser::parse).orElseGet(FleetConfig::defaults);
        } catch (ConfigException e) {
            throw new ConfigException(path, e.problems());
        }
    }

    /** Validates {@code config} and replaces the file with it; throws {@link ConfigException} and writes nothing. */
    public void save(FleetConfig config) {
        List<ConfigProblem> problems = ConfigValidator.validate(config);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        refuseToReplaceUnreadable();
        byte[] content = ConfigParser.toJson(config).getBytes(StandardCharsets.UTF_8);
        try {
            // Replace what a symlink points at, not the link, so a config kept in a dotfiles repo stays linked.
            Path target = Files.isSymbolicLink(path) ? path.toRealPath() : path.toAbsolutePath();
            Path folder = target.getParent();
            Files.createDirectories(folder);
            Path temp = OwnerOnlyFiles.createTemp(folder, "." + target.getFileName() + ".", ".tmp");
            boolean moved = false;
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    writer.write(channel, ByteBuffer.wrap(content));
                    channel.force(true);
                }
                OwnerOnlyFiles.replace(temp, target);
                moved = true;
            } finally {
                if (!moved) {
                    OwnerOnlyFiles.deleteQuietly(temp);
                }
            }
            syncFolder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file's text; none when there is no file. A folder, a file fleet may not read, one too large to be a config
     * and one that is not UTF-8 text are problems of the file, named as such.
     */
    private Optional<String> readText() {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw problem("is a folder, not a config file");
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw problem("is " + size + " bytes; a config file is at most " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            throw problem("cannot be read (permission denied)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return Optional.of(utf8(bytes));
    }

    /** The bytes as UTF-8 text, or the problem naming the line of the first byte that is not. */
    private String utf8(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw problem(String.format("not UTF-8 text: byte 0x%02X at line %d", bytes[in.position()], line));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private ConfigException problem(String message) {
        return new ConfigException(path, List.of(new ConfigProblem("", message)));
    }

    private void refuseToReplaceUnreadable() {
        Optional<String> current = readText();
        if (current.isEmpty()) {
            return;
        }
        try {
            ConfigParser.read(current.get());
        } catch (ConfigException e) {
            List<ConfigProblem> problems = new ArrayList<>();
            problems.add(new ConfigProblem("", "refusing to replace " + path
                    + ": it does not parse and what it holds would be lost; fix or move it first"));
            problems.addAll(e.problems());
            throw new ConfigException(problems);
        }
    }



    /** Makes the rename itself durable. Some systems (Windows) cannot open a folder; the rename stands regardless. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Durability of the rename is best effort; the file itself was forced before it.
        }
    }


    private static void writeFully(FileChannel channel, ByteBuffer content) throws IOException {
        while (content.hasRemaining()) {
            channel.write(content);
        }
    }
}
