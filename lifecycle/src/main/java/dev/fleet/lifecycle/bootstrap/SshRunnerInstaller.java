package dev.fleet.lifecycle.bootstrap;

import dev.fleet.github.Sleeper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.RequiredServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.future.CancelOption;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the runner over SSH (Apache MINA SSHD): waits for the VM's sshd, accepts only the host
 * key fleet put into cloud-init, logs in with the VM's user key and no other (the operator's SSH config, keys and
 * agent are never used), and runs {@code install-runner.sh} with the secret on stdin.
 */
public final class SshRunnerInstaller implements RunnerInstaller {
    static final int TAIL_LINES = 20;
    /**
     * A booting VM refuses connections until its sshd listens, and a refused connect costs a loopback-fast round
     * trip: trying twice a second notices sshd within half a second of it listening, at no more than two small
     * connects a second over a boot timeout of minutes.
     */
    static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMillis(500);
    static final Duration DEFAULT_SCRIPT_TIMEOUT = Duration.ofMinutes(20);
    /**
     * Bounds the TCP connect alone: a VM whose network is not up yet drops the SYN rather than refusing it, and a
     * fresh attempt reaches a sshd that began listening meanwhile, where one connect left to the kernel's backed-off
     * SYN retransmissions (1 s, 3 s, 7 s...) could wait seconds more. A second is many round trips to any region.
     */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(SshRunnerInstaller.class);

    private final Duration bootTimeout;
    private final Duration retryInterval;
    private final Duration scriptTimeout;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param bootTimeout how long a VM's sshd may take to accept fleet's login; an attempt still under way
     *                    when it runs out may add up to 30 s
     */
    public SshRunnerInstaller(Duration bootTimeout) {
        this(bootTimeout, DEFAULT_RETRY_INTERVAL, DEFAULT_SCRIPT_TIMEOUT, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    SshRunnerInstaller(Duration bootTimeout, Duration retryInterval, Duration scriptTimeout, Clock clock, Sleeper sleeper) {
        this.bootTimeout = requirePositive(bootTimeout, "bootTimeout");
        this.retryInterval = requirePositive(retryInterval, "retryInterval");
        this.scriptTimeout = requirePositive(scriptTimeout, "scriptTimeout");
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public InstallResult install(InstallTarget target, RunnerSetup setup, InstallProgress progress) {
        String where = target.host() + ":" + target.port();
        HostKeyCheck hostKey = new HostKeyCheck(target.keys().hostPublicKey());
        // One client per VM: the host key it insists on belongs to that VM alone.
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(hostKey);
        // The operator's ~/.ssh is not fleet's: no config may reroute a VM's address, no key of theirs reach a VM.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setFilePasswordProvider(FilePasswordProvider.EMPTY);
        client.setAgentFactory(null);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        // Offer only the host key type fleet installed, so sshd cannot pick another key it may still hold.
        client.setSignatureFactories(List.of(BuiltinSignatures.ed25519));
        client.start();
        try {
            ClientSession session = connect(client, target, hostKey, where);
            try {
                progress.loggedIn();
                return runScript(session, setup, where);
            } finally {
                session.close(false);
            }
        } catch (Unreachable e) {
            LOG.warn("runner {} not installed on {}: {}", setup.runnerName(), where, e.getMessage());
            return InstallResult.failedBeforeScript(e.getMessage());
        } finally {
            client.stop();
        }
    }

    private ClientSession connect(SshClient client, InstallTarget target, HostKeyCheck hostKey, String where)
            throws Unreachable {
        Instant deadline = clock.instant().plus(bootTimeout);
        for (int attempt = 1; ; attempt++) {
            try {
                return openSession(client, target);
            } catch (IOException e) {
                PublicKey offered = hostKey.rejected();
                if (offered != null) {
                    // A wrong host key is not a VM still booting: retrying would only hide an impostor.
                    throw new Unreachable("host key of " + where + " is " + KeyUtils.getFingerPrint(offered)
                            + ", not the " + KeyUtils.getFingerPrint(hostKey.expected())
                            + " fleet put into cloud-init; refusing to connect");
                }
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    throw new Unreachable("no SSH login to " + target.user() + "@" + where + " within " + bootTimeout
                            + " (" + attempt + " attempts; last error: " + e.getMessage() + ")");
                }
                LOG.debug("SSH to {} not ready (attempt {}): {}", where, attempt, e.getMessage());
                sleep(retryInterval.compareTo(left) < 0 ? retryInterval : left);
            }
        }
    }

    private static ClientSession openSession(SshClient client, InstallTarget target) throws IOException {
        ClientSession session = client.connect(target.user(), target.host(), target.port())
                .verify(CONNECT_TIMEOUT, CancelOption.CANCEL_ON_TIMEOUT).getSession();
        try {
            session.addPublicKeyIdentity(target.keys().userKeyPair());
            session.auth().verify(ATTEMPT_TIMEOUT);
            return session;
        } catch (IOException e) {
            session.close(true);
            throw e;
        }
    }

    private InstallResult runScript(ClientSession session, RunnerSetup setup, String where) {
        LOG.info("installing runner {} ({} mode, version {}) on {}",
                setup.runnerName(), setup.registration(), setup.version(), where);
        ScriptOutput output = new ScriptOutput(setup.secret(), LOG, setup.runnerName(), TAIL_LINES);
        Integer exitStatus;
        try (ChannelExec channel = session.createExecChannel(InstallScript.command(setup));
             OutputStream out = output.newStream();
             OutputStream err = output.newStream()) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(ATTEMPT_TIMEOUT);
            try (OutputStream stdin = channel.getInvertedIn()) {
                stdin.write((setup.secret().reveal() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), scriptTimeout);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                return failed("install script on " + where + " did not finish within " + scriptTimeout,
                        InstallResult.NO_EXIT_STATUS, output);
            }
            exitStatus = channel.getExitStatus();
        } catch (IOException e) {
            return failed("SSH connection to " + where + " broke while the install script ran: "
                    + output.redact(String.valueOf(e.getMessage())), InstallResult.NO_EXIT_STATUS, output);
        }
        if (exitStatus == null) {
            return failed("install script on " + where + " ended without an exit status",
                    InstallResult.NO_EXIT_STATUS, output);
        }
        if (exitStatus != 0) {
            return failed("install script on " + where + " exited with status " + exitStatus, exitStatus, output);
        }
        LOG.info("runner {} installed and started on {}", setup.runnerName(), where);
        return new InstallResult(true, 0, "runner " + setup.runnerName() + " installed on " + where, output.lastLines());
    }

    private static InstallResult failed(String why, int exitStatus, ScriptOutput output) {
        List<String> lastLines = output.lastLines();
        LOG.warn("{}", why);
        String message = lastLines.isEmpty() ? why : why + "; last output:\n" + String.join("\n", lastLines);
        return new InstallResult(false, exitStatus, message, lastLines);
    }

    private void sleep(Duration duration) throws Unreachable {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while waiting for sshd");
        }
    }

    private static Duration requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
        return duration;
    }

    /** The VM could not be logged into; the message says why. */
    private static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    /** {@link RequiredServerKeyVerifier} that remembers a refused key, so a mismatch is told apart from a slow boot. */
    private static final class HostKeyCheck implements ServerKeyVerifier {
        private final RequiredServerKeyVerifier required;
        private volatile PublicKey rejected;

        HostKeyCheck(PublicKey expected) {
            this.required = new RequiredServerKeyVerifier(expected);
        }

        @Override
        public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
            boolean ok = required.verifyServerKey(session, remoteAddress, serverKey);
            if (!ok) {
                rejected = serverKey;
            }
            return ok;
        }

        PublicKey expected() {
            return required.getRequiredKey();
        }

        PublicKey rejected() {
            return rejected;
        }
    }
}
