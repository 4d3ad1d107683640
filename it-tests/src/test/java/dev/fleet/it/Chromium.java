package dev.fleet.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, run as a command: it loads a page, lets its scripts run, and prints the DOM they left
 * or takes a screenshot. {@code .ci/run} installs it.
 */
final class Chromium {
    /** Virtual time the page's scripts get: a few rounds of the dashboard's polling. */
    private static final Duration SCRIPT_TIME = Duration.ofSeconds(12);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /**
     * Flags for a closed network and a root user: no sandbox (root), none of Chromium's own calls home, which this
     * machine refuses, and a profile of its own each run.
     */
    private static final List<String> QUIET = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--hide-scrollbars");

    private final Path executable;

    private Chromium(Path executable) {
        this.executable = executable;
    }

    /** The {@code chromium} on the PATH, if there is one. */
    static Optional<Chromium> find() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, "chromium"))
                .filter(Files::isExecutable)
                .findFirst()
                .map(Chromium::new);
    }

    /** The DOM of {@code url} once its scripts ran for {@link #SCRIPT_TIME}, as HTML. */
    String dumpDom(String url) throws IOException, InterruptedException {
        return run(List.of("--virtual-time-budget=" + SCRIPT_TIME.toMillis(), "--dump-dom", url));
    }

    /** A screenshot of {@code url}, the window {@code width} by {@code height}, once its scripts ran. */
    void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of("--virtual-time-budget=" + SCRIPT_TIME.toMillis(), "--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + width + "," + height, url));
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("chromium took no screenshot of " + url);
        }
    }

    private String run(List<String> arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path out = Files.createTempFile("chromium-out", ".html");
        Path err = Files.createTempFile("chromium-err", ".txt");
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(QUIET);
        command.add("--user-data-dir=" + profile);
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("chromium did not finish within " + TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("chromium exited " + process.exitValue() + ": "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
