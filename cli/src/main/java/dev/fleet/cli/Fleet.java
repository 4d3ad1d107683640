package dev.fleet.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code fleet} root command: wires the subcommands and maps every error to one line and an exit code. */
@Command(
        name = "fleet",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Keeps a pool of Azure VMs registered as ephemeral GitHub Actions runners, sized to the job queue.",
        subcommands = {CommandLine.HelpCommand.class},
        usageHelpAutoWidth = true)
public final class Fleet implements Callable<Integer> {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The one factory for the command line, used by {@link #main} and by tests. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Fleet());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(Fleet::exitCodeOf);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            err.println("fleet: " + oneLine(e));
            if (verbose(parseResult)) {
                e.printStackTrace(err);
            }
            err.flush();
            return exitCodeOf(e);
        });
        commandLine.setParameterExceptionHandler((e, args) -> {
            err.println("fleet: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCode.BAD_INPUT;
        });
        return commandLine;
    }

    /** {@code --verbose} is inherited, so it may have been given to any command on the path. */
    private static boolean verbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult level = parseResult.commandSpec().root().commandLine().getParseResult();
                level != null;
                level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    static int exitCodeOf(Throwable e) {
        if (e instanceof FleetException fleetException) {
            return fleetException.exitCode();
        }
        if (e instanceof CommandLine.ParameterException) {
            return ExitCode.BAD_INPUT;
        }
        return ExitCode.FAILURE;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
