package dev.fleet.cli;

import dev.fleet.cli.schedule.ProcessRunner;
import dev.fleet.github.GitHubClient;
import dev.fleet.github.GitHubClientSettings;
import dev.fleet.github.RestWebhooks;
import dev.fleet.github.Secret;
import dev.fleet.github.TokenCredentials;
import dev.fleet.github.Webhooks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * fleet as a test runs it: through {@link Fleet#commandLine}, with an environment of its own (HOME in a temp folder),
 * fake GitHub, Azure and programs, and every call beyond the process recorded in order in {@link #calls}.
 */
public final class Cli {
    public static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";
    public static final List<String> LAUNCHER = List.of("/opt/fleet/fleet");

    public final Map<String, String> env = new HashMap<>();
    public final List<String> calls = new ArrayList<>();
    final FakeServices services = new FakeServices(calls);
    /** What each program run answers, by its command line; a command not listed succeeds with no output. */
    public final Map<String, ProcessRunner.Result> answers = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /**
     * Runners the fake GitHub brings online are believed idle at once: these tests are about the commands, and the
     * confirmation window has tests of its own.
     */
    public Cli(Path home) {
        env.put("HOME", home.toString());
        env.put(Reconciliation.IDLE_CONFIRMATION, "0s");
    }

    /**
     * Writes {@code json} to {@code dir/config.json} as the config fleet reads, with its state in {@code dir/state}.
     *
     * @return the config file
     */
    public Path useConfig(Path dir, String json) throws IOException {
        Path config = Files.writeString(dir.resolve("config.json"), json);
        env.put("FLEET_CONFIG", config.toString());
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        return config;
    }

    /** Whether enable, disable and scale run the real pass afterwards, over {@link #services}, instead of noting it. */
    boolean realReconcileStep;

    public int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return commandLine().execute(args);
    }

    /** fleet with this environment and these fakes, as a command that runs in-process (serve's routes) gets it. */
    Fleet fleet() {
        return commandLine().getCommand();
    }

    private CommandLine commandLine() {
        ReconcileStep step = realReconcileStep
                ? ReconcileStep.now(env)
                : (given, saved, pool, force, progress, terminal) ->
                        calls.add("reconcile " + pool + (force ? " --force" : ""));
        Wiring wiring = new Wiring(config -> services, step,
                command -> {
                    String line = String.join(" ", command);
                    calls.add("run " + line);
                    return answers.getOrDefault(line, new ProcessRunner.Result(0, ""));
                },
                () -> LAUNCHER);
        return Fleet.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), env, wiring);
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }

    /** Webhooks over a stub of GitHub at {@code apiUrl}, with the token "test-token" from GITHUB_TOKEN. */
    static Webhooks webhooksAt(String apiUrl) {
        return new RestWebhooks(new GitHubClient(GitHubClientSettings.defaults(URI.create(apiUrl), "test"),
                new TokenCredentials(Secret.of("test-token"), "GITHUB_TOKEN")));
    }

    /** The config file's bytes, or null when there is none. */
    public static byte[] bytes(Path file) {
        try {
            return Files.exists(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
