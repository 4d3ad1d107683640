package dev.fleet.cli;

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

    public static FleetException failure(String message, Throwable cause) {
        return new FleetException(ExitCode.FAILURE, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
