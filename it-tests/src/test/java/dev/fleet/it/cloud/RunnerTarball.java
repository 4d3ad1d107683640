package dev.fleet.it.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The runner package the fake GitHub serves: a tar.gz of the fake {@code config.sh} and {@code run.sh} (see
 * src/test/resources/fake-runner), made with tar at start, and its SHA-256 as GitHub publishes it.
 */
record RunnerTarball(byte[] bytes, String sha256) {

    static RunnerTarball build(Path folder) throws IOException, InterruptedException {
        Path content = Files.createDirectories(folder.resolve("content"));
        for (String script : List.of("config.sh", "run.sh")) {
            try (InputStream in = RunnerTarball.class.getResourceAsStream("/fake-runner/" + script)) {
                Files.copy(in, content.resolve(script));
            }
            Files.setPosixFilePermissions(content.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path archive = folder.resolve("actions-runner.tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", content.toString(), ".")
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        if (tar.waitFor() != 0) {
            throw new IOException("tar failed: " + output);
        }
        byte[] bytes = Files.readAllBytes(archive);
        try {
            return new RunnerTarball(bytes, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
