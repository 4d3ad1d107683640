package dev.fleet.lifecycle.bootstrap;

import ch.qos.logback.classic.Level;
import dev.fleet.config.PoolConfig.Registration;
import dev.fleet.github.Secret;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.slf4j.LoggerFactory;

/**
 * How long after a VM's sshd starts listening the installer starts the install script: the public installer, real
 * clock and waits, against an in-process sshd that starts listening {@link #LISTENING_AFTER} after the install was
 * asked for and answers the script with exit 0. Not a test, since the figures are wall time:
 * {@code mvn -B -q -pl lifecycle -am -Pbench test-compile -Dbench.main=dev.fleet.lifecycle.bootstrap.SshWaitBenchmark}.
 */
public final class SshWaitBenchmark {
    private static final Duration LISTENING_AFTER = Duration.ofSeconds(1);
    private static final int ROUNDS = 5;
    private static final String USER = "azureuser";

    private SshWaitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.fleet")).setLevel(Level.WARN);
        System.out.printf(Locale.ROOT, "sshd listening %d ms after the install was asked for%n",
                LISTENING_AFTER.toMillis());
        System.out.printf(Locale.ROOT, "%-6s %28s %30s%n", "round", "asked -> script started (ms)",
                "sshd listening -> script (ms)");
        for (int round = 1; round <= ROUNDS; round++) {
            long[] figures = round();
            System.out.printf(Locale.ROOT, "%-6d %28d %30d%n", round, figures[0], figures[0] - figures[1]);
        }
    }

    /** Milliseconds from asking for the install to the script starting, and to sshd listening. */
    private static long[] round() throws Exception {
        VmKeys keys = VmKeys.generate();
        int port = freePort();
        CompletableFuture<Long> scriptStarted = new CompletableFuture<>();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(keys.hostKeyPair()));
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user));
        server.setCommandFactory((channel, command) -> new AbstractCommandSupport(command, null) {
            @Override
            public void run() {
                scriptStarted.complete(System.nanoTime());
                onExit(0);
            }
        });
        long asked = System.nanoTime();
        CompletableFuture<Long> listening = CompletableFuture.supplyAsync(() -> {
            try {
                server.start();
                return System.nanoTime();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, CompletableFuture.delayedExecutor(LISTENING_AFTER.toMillis(), TimeUnit.MILLISECONDS));
        try {
            InstallResult result = new SshRunnerInstaller(Duration.ofMinutes(1))
                    .install(new InstallTarget("127.0.0.1", port, USER, keys), setup(), InstallProgress.NONE);
            if (!result.ok()) {
                throw new IllegalStateException(result.message());
            }
            return new long[] {millis(scriptStarted.get() - asked), millis(listening.get() - asked)};
        } finally {
            server.stop(true);
        }
    }

    private static RunnerSetup setup() {
        return new RunnerSetup("https://github.com/octo/repo", "fleet-vm-1", List.of("self-hosted"), null,
                Registration.TOKEN, Secret.of("bench-token"), "2.336.0",
                "https://github.com/actions/runner/releases/download/v{version}/actions-runner-linux-x64-{version}.tar.gz",
                "0".repeat(64));
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
