package dev.fleet.cli.schedule;

import dev.fleet.cli.command.FleetException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs another program to its end, such as {@code systemctl}; tests record what would have run instead. */
@FunctionalInterface
public interface ProcessRunner {

    /** How a program ended: its exit code and what it wrote to stdout and stderr, interleaved. */
    record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** @throws FleetException when the program cannot be started at all (not installed) */
    Result run(List<String> command);

    /** Real processes, in fleet's working directory and environment. */
    static ProcessRunner system() {
        return command -> {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                process.getOutputStream().close();
                String output;
                try (InputStream in = process.getInputStream()) {
                    output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                return new Result(process.waitFor(), output);
            } catch (IOException e) {
                throw FleetException.failure("cannot run " + command.get(0) + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw FleetException.failure("interrupted while " + command.get(0) + " ran", e);
            }
        };
    }
}
