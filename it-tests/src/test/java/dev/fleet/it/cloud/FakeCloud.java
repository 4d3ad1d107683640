package dev.fleet.it.cloud;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.it.FleetProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The world fleet's end-to-end tests run against, all on loopback: a {@link FakeGitHub} over HTTP, a {@link FakeArm}
 * over HTTPS with a {@link TestCertificate}, one sshd per VM fleet creates, a stand-in {@code az}, and temp folders
 * for fleet's config and state. {@link #options()} runs the fleet jar inside it; {@link #writeConfig} writes the config
 * that points a pool at it.
 */
public final class FakeCloud implements AutoCloseable {
    public static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000f1ee7";
    public static final String RESOURCE_GROUP = "fleet-it";
    public static final String LOCATION = "westeurope";
    public static final String REPO = "octo/app";
    public static final String GITHUB_TOKEN = "fleet-harness-test-token";
    public static final String ARM_TOKEN = "fleet-harness-arm-token";

    private final Path root;
    private final TestCertificate certificate;
    private final int sshPort;
    private final FakeAz az;
    private final FakeArm arm;
    private final FakeGitHub github;

    private FakeCloud(Path root) throws IOException, InterruptedException {
        this.root = root;
        SecretLedger.track("GitHub token", GITHUB_TOKEN);
        SecretLedger.track("ARM token", ARM_TOKEN);
        this.certificate = TestCertificate.shared();
        this.sshPort = freePort();
        Files.createDirectories(root.resolve("home"));
        this.az = FakeAz.install(Files.createDirectories(root.resolve("az")), ARM_TOKEN, SUBSCRIPTION);
        this.arm = new FakeArm(certificate, SUBSCRIPTION, RESOURCE_GROUP, LOCATION, ARM_TOKEN, sshPort,
                Files.createDirectories(root.resolve("vms")), this::vmDown);
        this.github = new FakeGitHub(GITHUB_TOKEN, REPO,
                RunnerTarball.build(Files.createDirectories(root.resolve("runner"))), arm::runnerExited);
    }

    public static FakeCloud start() throws IOException, InterruptedException {
        return new FakeCloud(Files.createTempDirectory("fleet-cloud"));
    }

    public FakeArm arm() {
        return arm;
    }

    public FakeGitHub github() {
        return github;
    }

    public FakeAz az() {
        return az;
    }

    public TestCertificate certificate() {
        return certificate;
    }

    /** The path of a VM in this world's resource group, as {@link #writeRequests()} names it. */
    public static String vmPath(String vm) {
        return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP
                + "/providers/Microsoft.Compute/virtualMachines/" + vm;
    }

    /** "METHOD path" of every write request fleet sent to ARM, then of those it sent to GitHub. */
    public List<String> writeRequests() {
        return Stream.concat(arm.writeRequests().stream(), github.writeRequests().stream()).toList();
    }

    /** The port every VM's sshd listens on, each at its own loopback address. */
    public int sshPort() {
        return sshPort;
    }

    /** Where fleet finds its config by default in this world ({@code $XDG_CONFIG_HOME/fleet/config.json}). */
    public Path configFile() {
        return root.resolve("config/fleet/config.json");
    }

    /**
     * The environment of a fleet process in this world: the fake GitHub and its token, config and state in temp
     * folders, a home of its own, and the stand-in az first on PATH.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GITHUB_API_URL", github.baseUrl());
        env.put("GITHUB_TOKEN", GITHUB_TOKEN);
        env.put("XDG_CONFIG_HOME", root.resolve("config").toString());
        env.put("XDG_STATE_HOME", root.resolve("state").toString());
        env.put("HOME", root.resolve("home").toString());
        env.put("PATH", az.folder() + ":" + System.getenv("PATH"));
        // The fake GitHub's busy flags never lag unless a test says so: its runners are believed idle at once.
        env.put("FLEET_IDLE_CONFIRMATION", "0s");
        return env;
    }

    /** How to run the fleet jar here: {@link #environment()}, and a JVM that trusts the fake ARM's certificate. */
    public FleetProcess.Options options() {
        List<String> jvm = new ArrayList<>(certificate.jvmOptions());
        jvm.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        return new FleetProcess.Options(environment(), jvm, "", FleetProcess.Options.DEFAULT_TIMEOUT);
    }

    /** Runs {@code fleet ARGS} here and waits for it. */
    public FleetProcess.Result fleet(String... args) throws IOException, InterruptedException {
        return FleetProcess.run(options(), args);
    }

    /**
     * A pool served by this world: the default repository, the pinned runner version downloaded from the fake
     * GitHub, the VMs' SSH port. Tests add or change fields (labels, scaling, registration) before writing it.
     */
    public ObjectNode pool(String name) {
        ObjectNode pool = Fixtures.object().put("name", name).put("repo", REPO)
                .put("runnerVersion", FakeGitHub.RUNNER_VERSION).put("downloadUrlTemplate", github.downloadUrlTemplate());
        pool.putObject("azure").put("sshPort", sshPort);
        return pool;
    }

    /**
     * Writes the config for these pools to {@link #configFile()}: GitHub at the fake, Azure as a {@code custom}
     * environment at the fake ARM signed in through {@code az}, SSH from loopback. The global {@code sshPort} is the
     * harness's too, so a pool that {@code fleet github-runner enable} adds reaches the VMs as well.
     */
    public Path writeConfig(ObjectNode... pools) throws IOException {
        ObjectNode config = endpoints();
        ((ObjectNode) config.path("azure")).put("subscriptionId", SUBSCRIPTION).put("resourceGroup", RESOURCE_GROUP)
                .put("location", LOCATION).putArray("sshAllowedCidrs").add("127.0.0.0/8");
        ArrayNode list = config.putArray("pools");
        List.of(pools).forEach(list::add);
        return write(config);
    }

    /**
     * Writes the config a first {@code fleet github-runner enable} starts from: no pools and none of the settings the
     * first pool sets (subscription, resource group, location, SSH sources), only what no option sets: where this
     * world's GitHub and ARM are, the sign-in through {@code az} and the VMs' SSH port.
     */
    public Path writeEndpointsOnly() throws IOException {
        return write(endpoints());
    }

    private ObjectNode endpoints() {
        ObjectNode config = Fixtures.object().put("version", 1);
        config.putObject("github").put("apiUrl", github.baseUrl());
        ObjectNode azure = config.putObject("azure").put("environment", "custom");
        azure.putObject("endpoints").put("resourceManager", arm.baseUrl()).put("authority", arm.baseUrl());
        azure.put("credential", "cli").put("sshPort", sshPort);
        return config;
    }

    private Path write(ObjectNode config) throws IOException {
        Files.createDirectories(configFile().getParent());
        Files.writeString(configFile(), Fixtures.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        return configFile();
    }

    @Override
    public void close() throws IOException {
        recordWhatFleetLeft();
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable part : List.<AutoCloseable>of(github, arm)) {
            try {
                part.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        if (!failures.isEmpty()) {
            IOException failure = new IOException("the fake cloud did not stop cleanly");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /**
     * Hands the {@link SecretLedger} what fleet left in this world: its config, state and home folders, and on each
     * VM the arguments the install script gave the stand-ins ({@code sudo}, {@code systemctl}, ...).
     */
    private void recordWhatFleetLeft() throws IOException {
        String world = root.getFileName().toString();
        for (String folder : List.of("config", "state", "home")) {
            SecretLedger.producedFiles(world, root.resolve(folder));
        }
        if (Files.isDirectory(root.resolve("vms"))) {
            try (Stream<Path> vms = Files.list(root.resolve("vms"))) {
                for (Path vm : vms.toList()) {
                    SecretLedger.producedFiles(world + ":" + vm.getFileName(), vm.resolve("fleet-harness/records"));
                }
            }
        }
    }

    /** A VM that stops or goes takes its runner's connection to GitHub with it. */
    private void vmDown(String vm) {
        github.vmDown(vm);
    }

    /** A loopback port nothing listens on now, for a process a test starts (fleet serve) to take. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(StatefulWireMock.LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
