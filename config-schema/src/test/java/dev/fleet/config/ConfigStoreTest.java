package dev.fleet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {
    @TempDir
    Path dir;

    private final FleetConfig valid = ConfigParser.parse(Configs.VALID);

    @Test
    void aMissingFileIsTheDefaultConfig() {
        ConfigStore store = new ConfigStore(dir.resolve("none/config.json"));

        assertThat(store.exists()).isFalse();
        assertThat(store.load()).isEqualTo(FleetConfig.defaults());
        assertThat(store.load().pools()).isEmpty();
    }

    @Test
    void savesAndLoadsTheSameConfig() {
        ConfigStore store = new ConfigStore(dir.resolve("fleet/config.json"));

        store.save(valid);

        assertThat(store.exists()).isTrue();
        assertThat(store.load()).isEqualTo(valid);
        assertThat(store.path()).isEqualTo(dir.resolve("fleet/config.json"));
        assertThat(files()).containsExactly(dir.resolve("fleet"));
    }

    @Test
    void theFileIsReadableByItsOwnerOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path path = dir.resolve("config.json");
        Files.writeString(path, "{}");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));

        new ConfigStore(path).save(valid);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
    }

    @Test
    void aSaveThatFailsMidWriteLeavesTheOldFileAndNoTempFile() throws IOException {
        Path path = dir.resolve("config.json");
        new ConfigStore(path).save(FleetConfig.defaults());
        byte[] before = Files.readAllBytes(path);
        ConfigStore crashing = new ConfigStore(path, (channel, content) -> {
            channel.write(ByteBuffer.wrap(content.array(), 0, content.remaining() / 2));
            throw new IOException("disk full");
        });

        assertThatThrownBy(() -> crashing.save(valid))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot write " + path + ": disk full");

        assertThat(Files.readAllBytes(path)).isEqualTo(before);
        assertThat(files()).containsExactly(path);
    }

    @Test
    void aSaveThatFailsWithARuntimeErrorCleansUpToo() throws IOException {
        Path path = dir.resolve("config.json");
        ConfigStore crashing = new ConfigStore(path, (channel, content) -> {
            throw new IllegalStateException("serializer blew up");
        });

        assertThatThrownBy(() -> crashing.save(valid)).hasMessage("serializer blew up");

        assertThat(files()).isEmpty();
    }

    @Test
    void anInvalidConfigIsNeverWritten() {
        Path path = dir.resolve("config.json");
        FleetConfig invalid = ConfigParser.read(Configs.with("/pools/0/scaling/maxRunners", "0"));

        assertThatThrownBy(() -> new ConfigStore(path).save(invalid))
                .isInstanceOf(ConfigException.class)
                .hasMessage("pools[ci].scaling.maxRunners: must be >= minRunners (1), was 0");

        assertThat(files()).isEmpty();
    }

    @Test
    void refusesToReplaceAFileThatDoesNotParse() throws IOException {
        Path path = dir.resolve("config.json");
        byte[] corrupt = "{\n  \"pools\": [\n    {\"name\": \"ci\",\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(path, corrupt);
        ConfigStore store = new ConfigStore(path);

        assertThatThrownBy(store::load)
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.file()).contains(path))
                .hasMessageStartingWith("not valid JSON at line 4, column 1: Unexpected end-of-input");
        assertThatThrownBy(() -> store.save(valid))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::toString)
                        .first().isEqualTo("refusing to replace " + path
                                + ": it does not parse and what it holds would be lost; fix or move it first"));

        assertThat(Files.readAllBytes(path)).isEqualTo(corrupt);
        assertThat(files()).containsExactly(path);
    }

    @Test
    void refusesToReplaceAFileWithFieldsItWouldDrop() throws IOException {
        Path path = dir.resolve("config.json");
        String withUnknownField = Configs.with("/pools/0/notes", "\"ask Ada before scaling\"");
        Files.writeString(path, withUnknownField);

        assertThatThrownBy(() -> new ConfigStore(path).save(valid))
                .hasMessageStartingWith("refusing to replace " + path)
                .hasMessageContaining("pools[ci].notes: unknown field \"notes\"");

        assertThat(Files.readString(path)).isEqualTo(withUnknownField);
    }

    @Test
    void replacesAFileThatParsesButBreaksARule() throws IOException {
        Path path = dir.resolve("config.json");
        Files.writeString(path, Configs.with("/pools/0/scaling/maxRunners", "0"));

        new ConfigStore(path).save(valid);

        assertThat(new ConfigStore(path).load()).isEqualTo(valid);
    }

    @Test
    void replacesTheTargetOfASymlinkAndKeepsTheLink() throws IOException {
        Path real = Files.createDirectories(dir.resolve("dotfiles")).resolve("fleet.json");
        Files.writeString(real, "{}");
        Path link = Files.createSymbolicLink(dir.resolve("config.json"), real);

        new ConfigStore(link).save(valid);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(ConfigParser.parse(Files.readString(real))).isEqualTo(valid);
    }


    private List<Path> files() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
