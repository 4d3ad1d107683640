package dev.fleet.cli.command;

import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import java.nio.file.Path;
import java.util.List;

/** An error the user sees as one line on stderr, with the exit code it maps to. */
public final class FleetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public FleetException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public FleetException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static FleetException badInput(String message) {
        return new FleetException(ExitCode.BAD_INPUT, message);
    }

    /** {@code --pool} names a pool the config lacks: said with the names it has, or how to add the first. */
    public static FleetException noSuchPool(String name, FleetConfig config, Path file) {
        List<String> pools = config.pools().stream().map(PoolConfig::name).toList();
        return badInput("--pool: no pool named " + name + (pools.isEmpty()
                ? "; " + file + " has no pools yet (add one with 'fleet github-runner enable')"
                : "; pools: " + String.join(", ", pools)));
    }

    public static FleetException failure(String message, Throwable cause) {
        return new FleetException(ExitCode.FAILURE, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
