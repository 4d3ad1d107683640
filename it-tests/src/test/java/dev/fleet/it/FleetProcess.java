package dev.fleet.it;

import dev.fleet.it.cloud.SecretLedger;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Runs the shaded fleet jar as a separate process, the way a user's shell or cron does. */
public final class FleetProcess {
    public record Result(int exitCode, String out, String err) {
    }

    /**
     * How to run it.
     *
     * @param env        variables on top of the test JVM's own (less its FLEET_, GITHUB_ and AZURE_ ones)
     * @param jvmOptions e.g. the fake cloud's trust store
     * @param stdin      what the process reads; it sees end of input after it
     * @param timeout    how long it may run before the test fails
     */
    public record Options(Map<String, String> env, List<String> jvmOptions, String stdin, Duration timeout) {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

        public Options {
            env = Map.copyOf(env);
            jvmOptions = List.copyOf(jvmOptions);
            Objects.requireNonNull(stdin, "stdin");
            Objects.requireNonNull(timeout, "timeout");
        }

        public static Options env(Map<String, String> env) {
            return new Options(env, List.of(), "", DEFAULT_TIMEOUT);
        }
    }

    static final Path JAR = Path.of(System.getProperty("fleet.jar", "../cli/target/fleet.jar"));
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    static final Path REPO = Path.of(System.getProperty("fleet.repo", "..")).toAbsolutePath().normalize();

    private FleetProcess() {
    }

    public static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(Options.env(env), args);
    }

    public static Result run(Options options, String... args) throws IOException, InterruptedException {
        return start(options, args).await();
    }

    /** Through the {@code fleet} launcher script, as a user's shell runs it. */
    static Result runLauncher(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return start(List.of("sh", REPO.resolve("fleet").toString()), Options.env(env), args).await();
    }

    /** Starts fleet and returns at once, e.g. to run two at a time or to kill one in the middle. */
    public static Running start(Options options, String... args) throws IOException {
        List<String> java = new ArrayList<>();
        java.add(JAVA.toString());
        java.addAll(options.jvmOptions());
        java.add("-jar");
        java.add(JAR.toString());
        return start(java, options, args);
    }

    private static Running start(List<String> launcher, Options options, String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the cli module's package phase builds it");
        }
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("FLEET_") || key.startsWith("GITHUB_")
                || key.startsWith("AZURE_"));
        builder.environment().putAll(options.env());
        Path out = Files.createTempFile("fleet-out", ".txt");
        Path err = Files.createTempFile("fleet-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(options.stdin().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The process may have exited without reading its input; its exit code says what happened.
        }
        return new Running(process, String.join(" ", args), options.timeout(), out, err);
    }

    /** A fleet process under way. */
    public static final class Running {
        private final Process process;
        private final String args;
        private final Duration timeout;
        private final Path out;
        private final Path err;

        private Running(Process process, String args, Duration timeout, Path out, Path err) {
            this.process = process;
            this.args = args;
            this.timeout = timeout;
            this.out = out;
            this.err = err;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** SIGTERM, as systemd stopping a service sends: shutdown hooks run. */
        public Result terminate() throws IOException, InterruptedException {
            process.destroy();
            return await();
        }

        /** SIGKILL, as a crash or an OOM killer would: no shutdown hook runs. */
        public Result kill() throws IOException, InterruptedException {
            process.destroyForcibly();
            return await();
        }

        public Result await() throws IOException, InterruptedException {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("fleet " + args + " did not finish in " + timeout);
                }
                Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
                SecretLedger.produced("stdout of fleet " + args, result.out());
                SecretLedger.produced("stderr of fleet " + args, result.err());
                return result;
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
    }
}
