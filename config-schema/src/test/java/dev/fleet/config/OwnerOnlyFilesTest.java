package dev.fleet.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @Test
    void foldersAreMadeWithTheirParentsForTheOwnerOnly(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("state/fleet/pools");

        OwnerOnlyFiles.createFolder(folder);
        OwnerOnlyFiles.createFolder(folder);

        assertThat(folder).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.getParent())))
                .isEqualTo("rwx------");
    }
}
