package dev.fleet.config;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The steps of replacing a file atomically that fleet's state files share (the config, the HTTP cache, the reconcile
 * state): an owner-only folder, a temp file beside the target, readable by its owner only from the moment it exists,
 * renamed over the target.
 */
public final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    /** A new, empty temp file in {@code folder}, mode 0600 where the file system knows POSIX modes. */
    public static Path createTemp(Path folder, String prefix, String suffix) throws IOException {
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            return Files.createTempFile(folder, prefix, suffix, ownerOnly);
        }
        return Files.createTempFile(folder, prefix, suffix);
    }

    /** The folder and any missing parents, mode 0700 where the file system knows POSIX modes. */
    public static void createFolder(Path folder) throws IOException {
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(folder, ownerOnly);
        } else {
            Files.createDirectories(folder);
        }
    }

    /** Renames {@code temp} over {@code target}, atomically where the file system can. */
    public static void replace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes {@code file} if it is there; says whether it did, and never throws. */
    public static boolean deleteQuietly(Path file) {
        try {
            return file != null && Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        }
    }
}
