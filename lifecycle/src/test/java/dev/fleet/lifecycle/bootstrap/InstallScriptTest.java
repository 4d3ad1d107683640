package dev.fleet.lifecycle.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fleet.config.PoolConfig.Registration;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The install script run directly (no SSH) in a {@link Sandbox}. */
class InstallScriptTest {
    @TempDir
    Path temp;
    private Sandbox sandbox;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = new Sandbox(temp);
    }

    @AfterEach
    void tearDown() {
        sandbox.close();
    }

    static Stream<Arguments> setups() {
        return Stream.of(
                Arguments.of(Registration.TOKEN, Sandbox.LABELS, "ci-group"),
                Arguments.of(Registration.TOKEN, List.of(), null),
                Arguments.of(Registration.JIT, Sandbox.LABELS, null));
    }

    @ParameterizedTest
    @MethodSource("setups")
    void givesTheRunnerOnlyOptionsItAccepts(Registration registration, List<String> labels, String group) throws Exception {
        RunnerSetup setup = sandbox.setup(registration, labels, group);

        assertThat(run(InstallScript.command(setup), Sandbox.SECRET.reveal() + "\n").exitStatus).isZero();

        RunnerFlags flags = RunnerFlags.load();
        for (String script : List.of("config.sh", "run.sh")) {
            if (sandbox.recorded(script + ".argv")) {
                assertThat(flags.problems(script, sandbox.argv(script))).as(script).isEmpty();
            }
        }
        assertThat(sandbox.recorded("run.sh.argv")).isTrue();
        assertThat(sandbox.recorded("config.sh.argv")).isEqualTo(registration == Registration.TOKEN);
    }

    @Test
    void leavesOutLabelsAndGroupWhenThereAreNone() throws Exception {
        RunnerSetup setup = sandbox.setup(Registration.TOKEN, List.of(), null);

        run(InstallScript.command(setup), Sandbox.SECRET.reveal() + "\n");

        assertThat(sandbox.argv("config.sh")).containsExactly("--url", "https://github.com/octo/repo",
                "--name", "fleet-vm-1", "--work", "_work", "--ephemeral", "--unattended", "--disableupdate");
    }

    @Test
    void refusesToRunWithoutASecretOnStdin() throws Exception {
        Run run = run(InstallScript.command(sandbox.setup(Registration.TOKEN, null)), "");

        assertThat(run.exitStatus).isNotZero();
        assertThat(run.output).contains("fleet-install: no secret on stdin");
        assertThat(sandbox.recorded("useradd.args")).isFalse();
    }

    @Test
    void neverEchoesTheCredentialsOfATarballUrl() throws Exception {
        RunnerSetup setup = sandbox.setupChecking("0".repeat(64));
        String withCredentials = setup.tarballUrl().replace("http://", "http://fleet:hunter2@");
        // RunnerSetup takes no such URL; the script is held to the same when it is run by other means.
        String command = InstallScript.command(setup).replace(setup.tarballUrl(), withCredentials);

        Run run = run(command, Sandbox.SECRET.reveal() + "\n");

        assertThat(run.output).contains("fleet-install: downloading http://***@127.0.0.1:",
                "SHA-256 mismatch for http://***@127.0.0.1:").doesNotContain("hunter2");
        assertThat(sandbox.downloads).hasSize(1);
    }

    @Test
    void quotesAnyValueForTheShell() throws Exception {
        String value = "it's \"$HOME\" `x` \\ ; a\nb";

        Run run = run("printf %s " + InstallScript.quote(value), "");

        assertThat(run.output).isEqualTo(value);
    }

    @Test
    void passesShellcheck() throws Exception {
        assumeTrue(onPath("shellcheck"), "shellcheck is not installed (apt-get install shellcheck); not checked");
        Path script = Files.writeString(temp.resolve(InstallScript.RESOURCE), InstallScript.text());

        Process shellcheck = new ProcessBuilder("shellcheck", "--shell=bash", script.toString())
                .redirectErrorStream(true).start();
        String findings = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(shellcheck.waitFor()).as(findings).isZero();
    }

    private Run run(String command, String stdin) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/bin/sh", "-c", sandbox.shellCommandLine(command, Map.of())).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private record Run(int exitStatus, String output) {
    }
}
