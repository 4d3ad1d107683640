package dev.fleet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config file that cannot be read as one is a problem of that file, named with it: a folder, a file too large to be
 * a config, bytes that are not UTF-8 (with the line they are on). None of it is saved over.
 */
class ConfigFileReadTest {
    @TempDir
    Path dir;

    @Test
    void aFolderIsAProblemOfTheFile() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("config.json"));

        assertThatThrownBy(() -> new ConfigStore(folder).load()).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.file()).contains(folder);
            assertThat(e.problems()).extracting(ConfigProblem::toString)
                    .containsExactly("is a folder, not a config file");
        });
    }

    @Test
    void bytesThatAreNotUtf8AreNamedWithTheirLine() throws IOException {
        Path file = dir.resolve("config.json");
        byte[] latin1 = "{\n  \"pools\": [\n    {\"name\": \"caf\u00e9\"}]}\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, latin1);

        assertThatThrownBy(() -> new ConfigStore(file).load()).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.file()).contains(file);
            assertThat(e.problems()).extracting(ConfigProblem::toString)
                    .containsExactly("not UTF-8 text: byte 0xE9 at line 3");
        });
        assertThatThrownBy(() -> new ConfigStore(file).save(FleetConfig.defaults()))
                .isInstanceOf(ConfigException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(latin1);
    }

    @Test
    void aFileLargerThanAnyConfigIsRefusedUnread() throws IOException {
        Path file = dir.resolve("config.json");
        Files.write(file, new byte[(int) ConfigStore.MAX_BYTES + 1]);

        assertThatThrownBy(() -> new ConfigStore(file).load()).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).extracting(ConfigProblem::toString)
                        .containsExactly("is 1048577 bytes; a config file is at most 1048576 bytes"));
    }
}
