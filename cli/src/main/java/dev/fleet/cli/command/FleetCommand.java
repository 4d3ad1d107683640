package dev.fleet.cli.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every fleet command has: its place on the command line, the writers it prints to, and whether a person
 * watches. Picocli injects the spec here as it would into the command itself; a command's {@code @Command} methods
 * print through the same writers.
 */
public abstract class FleetCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** This command's spec, for the usage a {@link CommandGroup} prints. */
    final CommandSpec spec() {
        return spec;
    }

    /** Standard output, or what a test captures in its place. */
    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error, or what a test captures in its place. */
    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * Whether a person watches at a terminal, so progress is worth printing: {@code System.console()} is null when
     * standard input or output is redirected, as under cron, systemd or a pipe.
     */
    protected static boolean terminal() {
        return System.console() != null;
    }
}
