package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.FleetException;
import dev.fleet.github.GitHubException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class FleetTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(CommandLine commandLine, String... args) {
        return commandLine.execute(args);
    }

    private CommandLine fleet() {
        return Fleet.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void printsUsageWithoutArgumentsAndExitsZero() {
        assertThat(run(fleet())).isZero();
        assertThat(out.toString()).contains("Usage: fleet").contains("Commands:");
    }

    /** Every command's path from the root, such as {@code [config, validate]}. */
    private static Stream<List<String>> commandPaths(CommandLine command,
            List<String> path) {
        return Stream.concat(Stream.of(path),
                command.getSubcommands().entrySet().stream()
                        .filter(entry -> !entry.getKey().equals("help"))
                        .flatMap(entry -> {
                            List<String> sub = new ArrayList<>(path);
                            sub.add(entry.getKey());
                            return commandPaths(entry.getValue(), sub);
                        }));
    }

    @Test
    void everyCommandAnswersHelpWithItsUsage() {
        List<List<String>> paths = commandPaths(fleet(), List.of()).toList();
        assertThat(paths).contains(List.of("config", "validate"), List.of("simulate", "generate"));

        for (List<String> path : paths) {
            out.getBuffer().setLength(0);
            List<String> args = new ArrayList<>(path);
            args.add("--help");

            assertThat(run(fleet(), args.toArray(String[]::new))).as("%s --help", path).isZero();
            assertThat(out.toString()).as("%s --help", path).startsWith("Usage: fleet" + (path.isEmpty() ? "" : " "
                    + String.join(" ", path)));
        }
    }

    @Test
    void takesTheLogFormatOnAnyCommandAndRefusesAnUnknownOne() {
        assertThat(run(fleet(), "config", "schema", "--log-format", "json")).isZero();

        assertThat(run(fleet(), "--log-format", "xml", "config", "schema")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("--log-format").contains("text, json");
    }

    @Test
    void printsTheBuildVersion() {
        assertThat(run(fleet(), "--version")).isZero();
        assertThat(out.toString()).startsWith("fleet 0.").contains("Java 17");
    }

    @Test
    void unknownOptionIsBadUsageWithAHint() {
        assertThat(run(fleet(), "--frobnicate")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("Unknown option: '--frobnicate'").contains("(try 'fleet --help')");
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        private final RuntimeException failure;

        Boom(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            throw failure;
        }
    }

    @Test
    void aFleetExceptionBecomesOneLineAndItsExitCode() {
        CommandLine fleet = fleet().addSubcommand(new Boom(FleetException.badInput("pools[ci].repo: bad\nsecond line")));
        assertThat(run(fleet, "boom")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).isEqualTo("fleet: pools[ci].repo: bad" + System.lineSeparator());
    }

    @Test
    void anUnexpectedErrorIsAFailureAndShowsItsTraceOnlyWhenVerbose() {
        CommandLine quiet = fleet().addSubcommand(new Boom(new IllegalStateException("disk full")));
        assertThat(run(quiet, "boom")).isEqualTo(ExitCode.FAILURE);
        assertThat(err.toString()).isEqualTo("fleet: disk full" + System.lineSeparator());

        err.getBuffer().setLength(0);
        CommandLine verbose = fleet().addSubcommand(new Boom(new IllegalStateException("disk full")));
        assertThat(run(verbose, "--verbose", "boom")).isEqualTo(ExitCode.FAILURE);
        assertThat(err.toString()).contains("fleet: disk full").contains("java.lang.IllegalStateException: disk full").contains("\tat ");
    }

    @Test
    void missingGitHubCredentialsAreBadInputWhileRejectedOnesAreAFailure() {
        CommandLine missing = fleet().addSubcommand(new Boom(new GitHubException(
                GitHubException.Kind.MISSING_CREDENTIALS, 0, "set GITHUB_TOKEN, or configure a GitHub App")));
        assertThat(run(missing, "boom")).isEqualTo(ExitCode.BAD_INPUT);

        CommandLine rejected = fleet().addSubcommand(new Boom(new GitHubException(
                GitHubException.Kind.UNAUTHORIZED, 401, "GitHub rejected the token from GITHUB_TOKEN (401)")));
        assertThat(run(rejected, "boom")).isEqualTo(ExitCode.FAILURE);
        assertThat(err.toString()).contains("fleet: set GITHUB_TOKEN").contains("fleet: GitHub rejected the token");
    }

    @Test
    void anErrorWithoutAMessageIsNamedByItsType() {
        CommandLine fleet = fleet().addSubcommand(new Boom(new NullPointerException()));
        assertThat(run(fleet, "boom")).isEqualTo(ExitCode.FAILURE);
        assertThat(err.toString()).startsWith("fleet: NullPointerException");
    }
}
