package dev.fleet.cli.command;

/** fleet's exit codes, as documented in the README. */
public final class ExitCode {
    public static final int OK = 0;
    /** Something failed while doing the job: a cloud call, a lock, an I/O error. */
    public static final int FAILURE = 1;
    /** The user asked for something invalid: bad usage, bad input, a malformed config. Nothing was changed. */
    public static final int BAD_INPUT = 2;

    private ExitCode() {
    }
}
