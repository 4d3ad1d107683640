package dev.fleet.lifecycle.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.fleet.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The real install script, run over SSH by a real in-process sshd, in a {@link Sandbox}. */
class SshRunnerInstallerTest {
    private static final String USER = "azureuser";
    private static final Duration RETRY = SshRunnerInstaller.DEFAULT_RETRY_INTERVAL;

    @TempDir
    Path temp;
    private Sandbox sandbox;
    private final VmKeys keys = VmKeys.generate();
    private final Map<String, String> serverEnvironment = new HashMap<>();
    private final List<String> execCommands = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock();
    private final List<Duration> sleeps = new ArrayList<>();
    private Runnable onSleep = () -> { };
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private SshServer server;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = new Sandbox(temp);
        logs.start();
        rootLogger.addAppender(logs);
    }

    @AfterEach
    void tearDown() throws IOException {
        rootLogger.detachAppender(logs);
        if (server != null) {
            server.stop(true);
        }
        sandbox.close();
    }

    @Test
    void tokenModeRegistersTheRunnerAndStartsItsUnit() throws IOException {
        startServer(0, keys.hostKeyPair());

        InstallResult result = installer(Duration.ofMinutes(5)).install(target(), sandbox.setup(RunnerSetup.Mode.TOKEN, "ci"));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.exitStatus()).isZero();
        assertThat(sandbox.record("useradd.args")).isEqualTo("--system --create-home --shell /bin/bash runner\n");
        assertThat(sandbox.downloads).containsExactly("/mirror/v2.336.0/actions-runner-linux-x64-2.336.0.tar.gz");
        assertThat(result.lastLines()).contains("fleet-install: SHA-256 verified");
        assertThat(sandbox.installRoot.resolve("config.sh")).isExecutable();
        assertThat(sandbox.record("chown.args")).isEqualTo("-R runner:runner " + sandbox.installRoot + "\n");
        assertThat(sandbox.argv("config.sh")).containsExactly(
                "--url", "https://github.com/octo/repo", "--name", "fleet-vm-1",
                "--labels", "self-hosted,linux,x64,fleet-pool", "--no-default-labels", "--runnergroup", "ci",
                "--work", "_work", "--ephemeral", "--unattended", "--disableupdate");
        assertThat(sandbox.record("config.sh.env")).isEqualTo("ACTIONS_RUNNER_INPUT_TOKEN=" + Sandbox.SECRET.reveal() + "\n");
        assertThat(sandbox.record("sudo.args"))
                .startsWith("-n env FLEET_MODE=token ")
                .contains("\n-u runner --preserve-env=ACTIONS_RUNNER_INPUT_TOKEN ./config.sh --url");
        String unit = Files.readString(sandbox.unitDir.resolve("fleet-runner.service"));
        assertThat(unit).contains("\nUser=runner\n", "\nType=exec\n",
                "\nExecStart=" + sandbox.installRoot + "/run.sh\n",
                "\nExecStopPost=+/usr/sbin/shutdown -h now\n", "\nWantedBy=multi-user.target\n")
                .doesNotContain("EnvironmentFile");
        assertThat(sandbox.record("systemctl.args")).isEqualTo("daemon-reload\nenable --now fleet-runner.service\n");
        assertThat(sandbox.record("run.sh.env")).isEmpty();
        assertThat(messages()).contains("fleet-vm-1: config.sh: input ***");
        assertSecretNowhereButTheRunnersEnvironment(result);
    }

    @Test
    void jitModeHandsTheConfigToTheUnitThroughARootOnlyFileItThenDeletes() throws IOException {
        startServer(0, keys.hostKeyPair());

        InstallResult result = installer(Duration.ofMinutes(5)).install(target(), sandbox.setup(RunnerSetup.Mode.JIT, null));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(sandbox.recorded("config.sh.argv")).isFalse();
        assertThat(sandbox.argv("run.sh")).isEmpty();
        assertThat(sandbox.record("run.sh.env")).isEqualTo("ACTIONS_RUNNER_INPUT_JITCONFIG=" + Sandbox.SECRET.reveal() + "\n");
        assertThat(Files.readString(sandbox.unitDir.resolve("fleet-runner.service")))
                .contains("\nEnvironmentFile=" + sandbox.runDir.resolve("jit.env") + "\n", "\nUser=runner\n");
        assertThat(sandbox.runDir.resolve("jit.env")).doesNotExist();
        assertThat(sandbox.record("systemctl.args")).isEqualTo("daemon-reload\nenable --now fleet-runner.service\n");
        assertSecretNowhereButTheRunnersEnvironment(result);
    }

    @Test
    void refusesATarballWhoseSha256DiffersAndRunsNothingFromIt() throws IOException {
        startServer(0, keys.hostKeyPair());
        String wrong = "0".repeat(64);

        InstallResult result = installer(Duration.ofMinutes(5))
                .install(target(), sandbox.setup(RunnerSetup.Mode.TOKEN, null, wrong));

        assertThat(result.ok()).isFalse();
        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.message()).contains("exited with status 1",
                "SHA-256 mismatch", "expected " + wrong, "got " + sandbox.sha256(), "refusing to install");
        assertThat(sandbox.recorded("config.sh.argv")).isFalse();
        assertThat(sandbox.installRoot).doesNotExist();
        assertThat(sandbox.recorded("systemctl.args")).isFalse();
        assertSecretNowhereButTheRunnersEnvironment(result);
    }

    @Test
    void refusesAServerWithAnotherHostKeyWithoutRetrying() throws IOException {
        KeyPair impostor = VmKeys.generate().hostKeyPair();
        startServer(0, impostor);

        InstallResult result = installer(Duration.ofMinutes(5)).install(target(), sandbox.setup(RunnerSetup.Mode.TOKEN, null));

        assertThat(result.ok()).isFalse();
        assertThat(result.exitStatus()).isEqualTo(InstallResult.NO_EXIT_STATUS);
        assertThat(result.message()).contains("refusing to connect",
                KeyUtils.getFingerPrint(impostor.getPublic()), KeyUtils.getFingerPrint(keys.hostPublicKey()));
        assertThat(sleeps).isEmpty();
        assertThat(execCommands).isEmpty();
    }

    @Test
    void waitsForSshdToComeUp() throws IOException {
        int port = freePort();
        onSleep = () -> {
            if (sleeps.size() == 2) {
                startServer(port, keys.hostKeyPair());
            }
        };
        RunnerSetup setup = sandbox.setup(RunnerSetup.Mode.TOKEN, null);

        InstallResult result = installer(Duration.ofMinutes(5)).install(target(port), setup);

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(sleeps).containsExactly(RETRY, RETRY);
    }

    @Test
    void givesUpWhenSshdNeverAnswersWithinTheBootTimeout() throws IOException {
        int port = freePort();

        InstallResult result = installer(Duration.ofSeconds(27))
                .install(target(port), sandbox.setup(RunnerSetup.Mode.TOKEN, null));

        assertThat(result.ok()).isFalse();
        assertThat(result.exitStatus()).isEqualTo(InstallResult.NO_EXIT_STATUS);
        assertThat(result.message()).contains("no SSH login to azureuser@127.0.0.1:" + port + " within PT27S", "7 attempts");
        assertThat(sleeps).containsExactly(RETRY, RETRY, RETRY, RETRY, RETRY, Duration.ofSeconds(2));
    }

    @Test
    void reportsAFailingScriptWithItsLastLines() throws IOException {
        serverEnvironment.put("FAKE_RUNNER_EXIT", "3");
        serverEnvironment.put("FAKE_RUNNER_NOISE", "30");
        startServer(0, keys.hostKeyPair());

        InstallResult result = installer(Duration.ofMinutes(5)).install(target(), sandbox.setup(RunnerSetup.Mode.TOKEN, null));

        assertThat(result.ok()).isFalse();
        assertThat(result.exitStatus()).isEqualTo(3);
        assertThat(result.lastLines()).hasSize(SshRunnerInstaller.TAIL_LINES).endsWith("config.sh: line 30");
        assertThat(result.lastLines().get(0)).isEqualTo("config.sh: line 11");
        assertThat(result.message()).startsWith("install script on 127.0.0.1:" + server.getPort() + " exited with status 3")
                .endsWith("config.sh: line 29\nconfig.sh: line 30");
        assertThat(sandbox.recorded("systemctl.args")).isFalse();
        assertSecretNowhereButTheRunnersEnvironment(result);
    }

    private void assertSecretNowhereButTheRunnersEnvironment(InstallResult result) throws IOException {
        String secret = Sandbox.SECRET.reveal();
        assertThat(execCommands).isNotEmpty().allSatisfy(command -> assertThat(command).doesNotContain(secret));
        assertThat(sandbox.allCommandLines()).doesNotContain(secret);
        assertThat(messages()).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(secret));
        assertThat(result.toString()).doesNotContain(secret);
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private SshRunnerInstaller installer(Duration bootTimeout) {
        return new SshRunnerInstaller(bootTimeout, RETRY, Duration.ofMinutes(2), clock, duration -> {
            sleeps.add(duration);
            clock.advance(duration);
            onSleep.run();
        });
    }

    private InstallTarget target() {
        return target(server.getPort());
    }

    private InstallTarget target(int port) {
        return new InstallTarget("127.0.0.1", port, USER, keys);
    }

    private void startServer(int port, KeyPair hostKey) {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) ->
                USER.equals(user) && KeyUtils.compareKeys(key, keys.userKeyPair().getPublic()));
        server.setCommandFactory((channel, command) -> {
            execCommands.add(command);
            // ProcessShellFactory runs its command with /bin/sh -c, as OpenSSH's sshd runs the user's shell.
            String line = sandbox.shellCommandLine(command, serverEnvironment);
            return new ProcessShellFactory(line, List.of(line)).createShell(channel);
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
