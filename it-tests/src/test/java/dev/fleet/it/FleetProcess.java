package dev.fleet.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the shaded fleet jar as a separate process, the way a user's shell or cron does. */
final class FleetProcess {
    record Result(int exitCode, String out, String err) {
    }

    static final Path JAR = Path.of(System.getProperty("fleet.jar", "../cli/target/fleet.jar"));
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    static final Path REPO = Path.of(System.getProperty("fleet.repo", "..")).toAbsolutePath().normalize();

    private FleetProcess() {
    }

    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(List.of(JAVA.toString(), "-jar", JAR.toString()), env, args);
    }

    /** Through the {@code fleet} launcher script, as a user's shell runs it. */
    static Result runLauncher(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(List.of("sh", REPO.resolve("fleet").toString()), env, args);
    }

    private static Result run(List<String> launcher, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the cli module's package phase builds it");
        }
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("FLEET_") || key.startsWith("GITHUB_"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile("fleet-out", ".txt");
        Path err = Files.createTempFile("fleet-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("fleet " + String.join(" ", args) + " did not finish in 5 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
