package dev.fleet.it.cloud;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.shell.InvertedShellWrapper;
import org.apache.sshd.server.shell.ProcessShell;

/**
 * A running fake VM: an Apache MINA sshd on the VM's own loopback address that presents exactly the host key fleet
 * put into cloud-init, lets in only the admin user with the key fleet gave Azure, and runs every command with bash in
 * the VM's {@link VmSandbox}, as OpenSSH runs it with the user's shell.
 */
public final class FakeVm implements AutoCloseable {
    private final String name;
    private final String address;
    private final VmSandbox sandbox;
    private final SshServer server;
    private final List<String> commands = new CopyOnWriteArrayList<>();

    private FakeVm(String name, String address, VmSandbox sandbox) {
        this.name = name;
        this.address = address;
        this.sandbox = sandbox;
        this.server = SshServer.setUpDefaultServer();
    }

    static FakeVm boot(String name, String address, int sshPort, String adminUser, PublicKey adminKey,
                       KeyPair hostKey, VmSandbox sandbox) throws IOException {
        FakeVm vm = new FakeVm(name, address, sandbox);
        vm.server.setHost(address);
        vm.server.setPort(sshPort);
        vm.server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        vm.server.setPublickeyAuthenticator((user, key, session) ->
                adminUser.equals(user) && KeyUtils.compareKeys(adminKey, key));
        vm.server.setCommandFactory((channel, command) -> {
            vm.commands.add(command);
            SecretLedger.produced("command run over SSH on " + name, command);
            return new InvertedShellWrapper(new SandboxShell(name, command, sandbox.environment()));
        });
        vm.server.start();
        return vm;
    }

    public String name() {
        return name;
    }

    /** The loopback address this VM's sshd listens on: its public (or, for a private pool, private) IP. */
    public String address() {
        return address;
    }

    public VmSandbox sandbox() {
        return sandbox;
    }

    /** Every command line fleet ran here over SSH, oldest first. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** Stops the sshd: the VM is powered off or gone. */
    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** bash -c COMMAND with the sandbox's variables over the JVM's environment. */
    private static final class SandboxShell extends ProcessShell {
        private final String vm;
        private final Map<String, String> sandboxEnvironment;

        SandboxShell(String vm, String command, Map<String, String> sandboxEnvironment) {
            super(List.of("/bin/bash", "-c", command));
            this.vm = vm;
            this.sandboxEnvironment = sandboxEnvironment;
        }

        /** {@code env} holds what the SSH client asked to set, which an sshd may log. */
        @Override
        protected Map<String, String> resolveShellEnvironment(Map<String, String> env) {
            SecretLedger.produced("environment sent over SSH to " + vm, env.toString());
            Map<String, String> all = new HashMap<>(env);
            all.putAll(sandboxEnvironment);
            return all;
        }
    }
}
