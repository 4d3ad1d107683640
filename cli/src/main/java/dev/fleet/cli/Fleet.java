package dev.fleet.cli;

import dev.fleet.cli.command.CommandGroup;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.FleetException;
import dev.fleet.cli.schedule.Launcher;
import dev.fleet.cli.schedule.ProcessRunner;
import dev.fleet.cli.schedule.ScheduleCommand;
import dev.fleet.cli.schedule.ScheduledFleet;
import dev.fleet.cli.simulate.SimulateCommand;
import dev.fleet.config.ConfigException;
import dev.fleet.config.ConfigLocation;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.OutsideText;
import dev.fleet.github.GitHubException;
import dev.fleet.github.GitHubRequestListener;
import dev.fleet.lifecycle.azure.ArmRequestListener;
import dev.fleet.lifecycle.azure.AzureAccessException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        subcommands = {CommandLine.HelpCommand.class, GitHubRunnerCommand.class, ReconcileCommand.class, ServeCommand.class,
            ScheduleCommand.class, SimulateCommand.class, ConfigCommand.class},
        usageHelpAutoWidth = true)
public final class Fleet extends CommandGroup implements ScheduledFleet {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Log only warnings and errors: for cron, which mails whatever a job prints.")
    boolean quiet;

    @Option(names = "--log-format", scope = ScopeType.INHERIT, paramLabel = "FORMAT", defaultValue = "text",
            description = "Log lines on stderr as text or json (one object a line, for journald and log shippers).")
    Logging.Format logFormat;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Config file (default: $FLEET_CONFIG, then the XDG config folder; "
                    + "'fleet config path' shows which).")
    String configFile;

    private final Map<String, String> env;
    private final Wiring wiring;
    private FleetServices.Factory services;

    private Fleet(Map<String, String> env, Wiring wiring) {
        this.env = Objects.requireNonNull(env, "env");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.services = wiring.services();
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exitCode = commandLine(out, err).execute(args);
        // Auto-flush acts on println only: output that ends without a line break (JSON, a table) waits in the buffer,
        // and System.exit does not flush it.
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /** The one factory for the command line, used by {@link #main}; reads the process environment. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, System.getenv());
    }

    /** The factory with the environment given, so tests never read the real one (HOME, FLEET_CONFIG, ...). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env) {
        return commandLine(out, err, env, Wiring.production(env));
    }

    /** The factory with the outside world given too, so tests reach no cloud and start no program. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env, Wiring wiring) {
        CommandLine commandLine = new CommandLine(new Fleet(env, wiring));
        // Config enums are spelt in lower case on the command line as in the file: --registration jit.
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(Fleet::exitCodeOf);
        commandLine.setExecutionStrategy(parseResult -> {
            Logging.configure(matched(parseResult, "--log-format", Logging.Format.text),
                    matched(parseResult, "--verbose", false), matched(parseResult, "--quiet", false), err);
            return new CommandLine.RunLast().execute(parseResult);
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            // Messages quote GitHub, Azure and the files read: nothing in them may act on the terminal.
            errorLines(e).forEach(line -> err.println("fleet: " + OutsideText.printable(line)));
            if (matched(parseResult, "--verbose", false)) {
                e.printStackTrace(err);
            }
            err.flush();
            return exitCodeOf(e);
        });
        commandLine.setParameterExceptionHandler((e, args) -> {
            // One line, like every other error: what is wrong, then where the usage is.
            err.println("fleet: " + OutsideText.printable(oneLine(e)) + " (try '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return ExitCode.BAD_INPUT;
        });
        return commandLine;
    }

    /** An inherited option's value, wherever on the command path it was given. */
    private static <T> T matched(CommandLine.ParseResult parseResult, String option, T fallback) {
        T value = fallback;
        for (CommandLine.ParseResult level = parseResult.commandSpec().root().commandLine().getParseResult();
                level != null;
                level = level.subcommand()) {
            if (level.hasMatchedOption(option)) {
                value = level.matchedOptionValue(option, fallback);
            }
        }
        return value;
    }

    /** Where the config file is, from {@code --config} and the environment. */
    @Override
    public ConfigLocation configLocation() {
        return ConfigLocation.resolve(configFile, env);
    }

    /** The environment fleet was started with (or a test's stand-in for it). */
    @Override
    public Map<String, String> env() {
        return env;
    }

    @Override
    public Launcher launcher() {
        return wiring.launcher();
    }

    @Override
    public ProcessRunner processes() {
        return wiring.processes();
    }

    Wiring wiring() {
        return wiring;
    }

    /**
     * The services of {@code config} at the GitHub API {@code GITHUB_API_URL} names when it is set. Nothing is built
     * until it is used, so a command gets them before it changes anything and a bad variable changes nothing: the
     * pass that follows a change reads {@value Reconciliation#IDLE_CONFIRMATION}, so it is checked here too.
     */
    FleetServices services(FleetConfig config) {
        Reconciliation.settings(env);
        return services.of(GitHubApiUrl.applied(config, env));
    }

    /** From now on every answer GitHub and ARM give the services is told to these: {@code serve}'s metrics. */
    void reportRequestsTo(GitHubRequestListener gitHubRequests, ArmRequestListener armRequests) {
        services = wiring.services().reportingTo(gitHubRequests, armRequests);
    }

    static int exitCodeOf(Throwable e) {
        if (e instanceof FleetException fleetException) {
            return fleetException.exitCode();
        }
        if (e instanceof CommandLine.ParameterException || e instanceof ConfigException) {
            return ExitCode.BAD_INPUT;
        }
        // Credentials nobody set are bad input; credentials GitHub or Azure rejected are a failure of the job.
        if (e instanceof GitHubException github && github.kind() == GitHubException.Kind.MISSING_CREDENTIALS
                || e instanceof AzureAccessException azure && azure.kind() == AzureAccessException.Kind.NO_CREDENTIAL) {
            return ExitCode.BAD_INPUT;
        }
        return ExitCode.FAILURE;
    }

    /** One line for an error; a config's problems each get their own, so all of them can be fixed in one go. */
    private static List<String> errorLines(Throwable e) {
        if (!(e instanceof ConfigException config)) {
            return List.of(oneLine(e));
        }
        List<String> lines = new ArrayList<>();
        int count = config.problems().size();
        config.file().ifPresent(file -> lines.add(file + ": " + count + (count == 1 ? " problem" : " problems")));
        config.problems().forEach(problem -> lines.add(problem.toString()));
        return lines;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
