package dev.fleet.cli.command;

/** A command that only groups subcommands: run bare, it prints its usage and succeeds. */
public abstract class CommandGroup extends FleetCommand {
    @Override
    public final Integer call() {
        spec().commandLine().usage(out());
        return ExitCode.OK;
    }
}
