package dev.fleet.lifecycle.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.fleet.config.PoolConfig.Registration;
import dev.fleet.testing.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.io.PathUtils;
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

    /**
     * The home MINA's client would read {@code ~/.ssh} from. It is fixed before any SSH class loads (MINA resolves
     * the path once per JVM) and holds only what a test writes there.
     */
    private static final Path OPERATOR_HOME = operatorHome();

    @TempDir
    Path temp;
    private Sandbox sandbox;
    private final VmKeys keys = VmKeys.generate();
    private final Map<String, String> serverEnvironment = new HashMap<>();
    private final List<String> execCommands = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock();
    private List<PublicKey> acceptedKeys = List.of(keys.userKeyPair().getPublic());
    private final List<Duration> sleeps = new ArrayList<>();
    private Runnable onSleep = () -> { };
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private SshServer server;
    private SshServer decoy;
    private final List<PublicKey> offeredKeys = new CopyOnWriteArrayList<>();
    private final List<String> decoyCommands = new CopyOnWriteArrayList<>();

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
        if (decoy != null) {
            decoy.stop(true);
        }
        try (Stream<Path> written = Files.walk(OPERATOR_HOME)) {
            for (Path path : written.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(OPERATOR_HOME)).toList()) {
                Files.delete(path);
            }
        }
        sandbox.close();
    }

    @Test
    void tokenModeRegistersTheRunnerAndStartsItsUnit() throws IOException {
        startServer(0, keys.hostKeyPair());

        InstallResult result = installer(Duration.ofMinutes(5)).install(target(), sandbox.setup(Registration.TOKEN, "ci"),
                InstallProgress.NONE);

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

        InstallResult result = installer(Duration.ofMinutes(5)).install(target(), sandbox.setup(Registration.JIT, null),
                InstallProgress.NONE);

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
                .install(target(), sandbox.setupChecking(wrong), InstallProgress.NONE);

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

        InstallResult result = installer(Duration.ofMinutes(5)).install(target(), sandbox.setup(Registration.TOKEN, null),
                InstallProgress.NONE);

        assertThat(result.ok()).isFalse();
        assertThat(result.exitStatus()).isEqualTo(InstallResult.NO_EXIT_STATUS);
        assertThat(result.message()).contains("refusing to connect",
                KeyUtils.getFingerPrint(impostor.getPublic()), KeyUtils.getFingerPrint(keys.hostPublicKey()));
        assertThat(sleeps).isEmpty();
        assertThat(execCommands).isEmpty();
    }

    /* The login is told, so the VM's boot and the runner's install are timed apart. */
    @Test
    void waitsForSshdToComeUpAndTellsOfTheLoginBeforeTheScriptRuns() throws IOException {
        int port = freePort();
        onSleep = () -> {
            if (sleeps.size() == 2) {
                startServer(port, keys.hostKeyPair());
            }
        };
        RunnerSetup setup = sandbox.setup(Registration.TOKEN, null);
        List<String> told = new ArrayList<>();

        InstallResult result = installer(Duration.ofMinutes(5)).install(target(port), setup,
                () -> told.add("logged in after " + sleeps.size() + " waits, " + execCommands.size() + " commands"));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(sleeps).containsExactly(RETRY, RETRY);
        assertThat(told).containsExactly("logged in after 2 waits, 0 commands");
        assertThat(execCommands).isNotEmpty();
    }

    /* A VM's sshd starts listening a second or so after the VM is created: fleet logs in within a second of it. */
    @Test
    void logsInWithinASecondOfSshdListening() throws IOException {
        int port = freePort();
        Instant listening = clock.instant().plusMillis(1_200);
        onSleep = () -> {
            if (server == null && !clock.instant().isBefore(listening)) {
                startServer(port, keys.hostKeyPair());
            }
        };

        InstallResult result = installer(Duration.ofMinutes(5)).install(target(port), sandbox.setup(Registration.TOKEN, null),
                InstallProgress.NONE);

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(Duration.between(listening, clock.instant())).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void givesUpWhenSshdNeverAnswersWithinTheBootTimeout() throws IOException {
        int port = freePort();

        List<String> told = new ArrayList<>();

        InstallResult result = installer(Duration.ofMillis(2_700))
                .install(target(port), sandbox.setup(Registration.TOKEN, null), () -> told.add("logged in"));

        assertThat(told).isEmpty();
        assertThat(result.ok()).isFalse();
        assertThat(result.exitStatus()).isEqualTo(InstallResult.NO_EXIT_STATUS);
        assertThat(result.message()).contains("no SSH login to azureuser@127.0.0.1:" + port + " within PT2.7S", "7 attempts");
        assertThat(sleeps).containsExactly(RETRY, RETRY, RETRY, RETRY, RETRY, Duration.ofMillis(200));
    }

    @Test
    void reportsAFailingScriptWithItsLastLines() throws IOException {
        serverEnvironment.put("FAKE_RUNNER_EXIT", "3");
        serverEnvironment.put("FAKE_RUNNER_NOISE", "30");
        startServer(0, keys.hostKeyPair());

        InstallResult result = installer(Duration.ofMinutes(5)).install(target(), sandbox.setup(Registration.TOKEN, null),
                InstallProgress.NONE);

        assertThat(result.ok()).isFalse();
        assertThat(result.exitStatus()).isEqualTo(3);
        assertThat(result.lastLines()).hasSize(SshRunnerInstaller.TAIL_LINES).endsWith("config.sh: line 30");
        assertThat(result.lastLines().get(0)).isEqualTo("config.sh: line 11");
        assertThat(result.message()).startsWith("install script on 127.0.0.1:" + server.getPort() + " exited with status 3")
                .endsWith("config.sh: line 29\nconfig.sh: line 30");
        assertThat(sandbox.recorded("systemctl.args")).isFalse();
        assertSecretNowhereButTheRunnersEnvironment(result);
    }

    @Test
    void ignoresTheOperatorsSshConfigThatNamesAnotherHost() throws IOException {
        startServer(0, keys.hostKeyPair());
        decoy = sshServer("127.0.0.2", server.getPort(), keys.hostKeyPair(), decoyCommands);
        writeOperatorSsh("Host 127.0.0.1\n  HostName 127.0.0.2\n");

        InstallResult result = installer(Duration.ofMinutes(5)).install(target(), sandbox.setup(Registration.TOKEN, null),
                InstallProgress.NONE);

        assertThat(decoyCommands.size()).as("commands run on the host the operator's config names").isZero();
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(execCommands).hasSize(1);
    }

    @Test
    void offersTheVmsKeyAndNeverTheOperatorsOwn() throws Exception {
        startServer(0, keys.hostKeyPair());
        Path ssh = writeOperatorSsh("");
        KeyPair defaultKey = writeOperatorKey(ssh.resolve("id_ed25519"));
        KeyPair configuredKey = writeOperatorKey(ssh.resolve("work_key"));
        Files.writeString(ssh.resolve("config"), "Host *\n  IdentityFile " + ssh.resolve("work_key") + "\n");
        // This sshd would let the operator in, and not the VM's key: a login proves an operator key was offered.
        acceptedKeys = List.of(defaultKey.getPublic(), configuredKey.getPublic());

        InstallResult result = installer(Duration.ofSeconds(1)).install(target(), sandbox.setup(Registration.TOKEN, null),
                InstallProgress.NONE);

        assertThat(offeredKeys).extracting(KeyUtils::getFingerPrint).isNotEmpty()
                .containsOnly(KeyUtils.getFingerPrint(keys.userKeyPair().getPublic()));
        assertThat(result.ok()).isFalse();
        assertThat(execCommands).isEmpty();
    }

    /** Writes the operator's {@code ~/.ssh/config}, where MINA's client would read it, and returns that folder. */
    private static Path writeOperatorSsh(String config) throws IOException {
        Path ssh = Files.createDirectories(OPERATOR_HOME.resolve(".ssh"));
        assertThat(HostConfigEntry.getDefaultHostConfigFile()).isEqualTo(ssh.resolve("config"));
        Files.writeString(ssh.resolve("config"), config);
        return ssh;
    }

    private static KeyPair writeOperatorKey(Path file) throws Exception {
        KeyPair key = VmKeys.generate().userKeyPair();
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "operator", null, out);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return key;
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
        server = sshServer("127.0.0.1", port, hostKey, execCommands);
    }

    /** An sshd that runs what it is sent in the sandbox, noting each command and each user key offered to it. */
    private SshServer sshServer(String host, int port, KeyPair hostKey, List<String> commands) {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(host);
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> {
            offeredKeys.add(key);
            return USER.equals(user) && acceptedKeys.stream().anyMatch(accepted -> KeyUtils.compareKeys(key, accepted));
        });
        server.setCommandFactory((channel, command) -> {
            commands.add(command);
            // ProcessShellFactory runs its command with /bin/sh -c, as OpenSSH's sshd runs the user's shell.
            String line = sandbox.shellCommandLine(command, serverEnvironment);
            return new ProcessShellFactory(line, List.of(line)).createShell(channel);
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    private static Path operatorHome() {
        try {
            Path home = Files.createTempDirectory("fleet-operator-home");
            home.toFile().deleteOnExit();
            PathUtils.setUserHomeFolderResolver(() -> home);
            return home;
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
