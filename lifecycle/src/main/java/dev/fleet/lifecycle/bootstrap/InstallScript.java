package dev.fleet.lifecycle.bootstrap;

import dev.fleet.config.PoolConfig.Registration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The bash script a VM runs to install its runner ({@code install-runner.sh} beside this class), and
 * the one command line that runs it. Parameters travel as environment variables; the secret is not
 * one of them, it goes on stdin.
 */
final class InstallScript {
    static final String RESOURCE = "install-runner.sh";

    private static final String TEXT = load();

    private InstallScript() {
    }

    static String text() {
        return TEXT;
    }

    /** The parameters the script reads, for this setup. None of them is secret. */
    static Map<String, String> parameters(RunnerSetup setup) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FLEET_MODE", setup.registration() == Registration.TOKEN ? "token" : "jit");
        env.put("FLEET_TARBALL_URL", setup.tarballUrl());
        env.put("FLEET_TARBALL_SHA256", setup.sha256());
        // A JIT config already names the runner, its labels and group; config.sh is not run.
        if (setup.registration() == Registration.TOKEN) {
            env.put("FLEET_URL", setup.url());
            env.put("FLEET_RUNNER_NAME", setup.runnerName());
            env.put("FLEET_LABELS", String.join(",", setup.labels()));
            if (setup.runnerGroup() != null) {
                env.put("FLEET_RUNNER_GROUP", setup.runnerGroup());
            }
        }
        return env;
    }

    /**
     * The exec command: the script runs as root through {@code sudo -n} (the VM's admin user has
     * password-less sudo), with its parameters set by {@code env} because sudo resets the caller's
     * environment.
     */
    static String command(RunnerSetup setup) {
        StringBuilder command = new StringBuilder("sudo -n env");
        parameters(setup).forEach((name, value) -> command.append(' ').append(name).append('=').append(quote(value)));
        return command.append(" bash -c ").append(quote(TEXT)).append(' ').append(RESOURCE).toString();
    }

    /** Quotes for a POSIX shell: single quotes, with each embedded one closed, escaped and reopened. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String load() {
        try (InputStream in = Objects.requireNonNull(
                InstallScript.class.getResourceAsStream(RESOURCE), RESOURCE + " is missing from the jar")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
