package dev.fleet.it.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.resources.ResourceManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.autoscaler.QueueMetrics;
import dev.fleet.config.ConfigParser;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.DeleteOutcome;
import dev.fleet.github.GitHubClient;
import dev.fleet.github.GitHubClientSettings;
import dev.fleet.github.GitHubException;
import dev.fleet.github.RestGitHubRunners;
import dev.fleet.github.RunnerDownload;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.github.Secret;
import dev.fleet.github.Sleeper;
import dev.fleet.github.TokenCredentials;
import dev.fleet.it.FleetProcess;
import dev.fleet.lifecycle.DestroyOutcome;
import dev.fleet.lifecycle.IntentJournal;
import dev.fleet.lifecycle.PoolContext;
import dev.fleet.lifecycle.PoolRunners;
import dev.fleet.lifecycle.ProvisionListener;
import dev.fleet.lifecycle.ProvisionOutcome;
import dev.fleet.lifecycle.Provisioning;
import dev.fleet.lifecycle.ProvisioningSettings;
import dev.fleet.lifecycle.azure.AzureVmProviderFactory;
import dev.fleet.lifecycle.azure.VmCreation;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.azure.VmProvider;
import dev.fleet.lifecycle.bootstrap.SshRunnerInstaller;
import dev.fleet.lifecycle.bootstrap.VmKeys;
import dev.fleet.queue.QueueQuery;
import dev.fleet.queue.RestJobQueue;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

/**
 * The fake cloud proven against fleet's own production classes, in this JVM (ARM through the SDK with a static token,
 * GitHub through fleet's client, runners installed over SSH by the real script), and against the jar.
 */
class HarnessIT {
    private static final String POOL = "ci";
    /** The labels a runner of pool ci registers with: GitHub's defaults and the pool's own. */
    private static final List<String> LINUX = List.of("self-hosted", "Linux", "X64", PoolRunners.label(POOL));

    private FakeCloud cloud;
    private FleetConfig config;
    private PoolConfig pool;
    private GitHubClient client;
    private VmProvider vms;
    private Provisioning provisioning;

    @BeforeEach
    void startTheCloud() throws IOException, InterruptedException {
        cloud = FakeCloud.start();
    }

    @AfterEach
    void stopTheCloud() throws IOException {
        cloud.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"token", "jit"})
    void provisionedVmsRunTheRealInstallOverSshAndTheirRunnersComeOnlineThenDestroyRemovesBoth(String registration)
            throws IOException {
        ObjectNode poolJson = cloud.pool(POOL).put("registration", registration);
        wireFleet(poolJson);
        PoolContext context = PoolContext.of(config, pool);

        List<ProvisionOutcome> outcomes = provisioning.create(context, 2, IntentJournal.NONE, ProvisionListener.NONE);

        assertThat(outcomes).extracting(ProvisionOutcome::status).as(outcomes.toString())
                .containsExactly(ProvisionOutcome.Status.ONLINE, ProvisionOutcome.Status.ONLINE);
        List<String> names = outcomes.stream().map(ProvisionOutcome::vmName).sorted().toList();
        assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::name, FakeArm.Vm::power, vm -> vm.tags().get("fleet-pool"))
                .containsExactly(tuple(names.get(0), VmInfo.PowerState.RUNNING, POOL),
                        tuple(names.get(1), VmInfo.PowerState.RUNNING, POOL));
        assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::address).doesNotHaveDuplicates()
                .allMatch(address -> address.startsWith("127.") && !address.equals("127.0.0.1"));
        assertThat(cloud.github().runners()).extracting(FakeRunner::name, FakeRunner::online, FakeRunner::labels)
                .containsExactlyInAnyOrder(tuple(names.get(0), true, LINUX), tuple(names.get(1), true, LINUX));
        boolean token = registration.equals("token");
        for (String name : names) {
            VmSandbox sandbox = cloud.arm().machine(name).orElseThrow().sandbox();
            assertThat(sandbox.installRoot().resolve("run.sh")).exists();
            assertThat(sandbox.record("systemctl.args")).isEqualTo("daemon-reload\nenable --now fleet-runner.service\n");
            assertThat(sandbox.unitFile()).content().contains("ExecStart=" + sandbox.installRoot() + "/run.sh");
            if (token) {
                assertThat(sandbox.record("sudo.args")).contains("./config.sh --url " + cloud.github().baseUrl()
                        + "/octo/app --name " + name + " --labels " + String.join(",", LINUX) + " --no-default-labels");
            } else {
                assertThat(sandbox.unitFile()).content().contains("EnvironmentFile=");
            }
        }
        assertThat(cloud.github().writeRequests())
                .contains("POST /repos/octo/app/actions/runners/" + (token ? "registration-token" : "generate-jitconfig"));

        List<VmInfo> listed = vms.list(POOL);
        List<RunnerInfo> registered = new RestGitHubRunners(client).listRunners(context.scope());
        for (VmInfo vm : listed) {
            Optional<RunnerInfo> runner = registered.stream().filter(r -> r.name().equals(vm.name())).findFirst();
            assertThat(provisioning.destroy(context.scope(), vm, runner).status()).isEqualTo(DestroyOutcome.Status.DESTROYED);
        }

        assertThat(listed).extracting(VmInfo::name).containsExactlyElementsOf(names);
        assertThat(cloud.arm().vms()).isEmpty();
        assertThat(cloud.arm().networkInterfaces()).isEmpty();
        assertThat(cloud.arm().publicIps()).isEmpty();
        assertThat(cloud.github().runners()).isEmpty();
        assertThat(cloud.github().writeRequests()).anyMatch(call -> call.startsWith("DELETE /repos/octo/app/actions/runners/"));
    }

    @Test
    void queuedJobsShowInTheQueueAndAFinishedEphemeralRunnerLeavesAndPowersItsVmOff() throws Exception {
        wireFleet(cloud.pool(POOL));
        PoolContext context = PoolContext.of(config, pool);
        String runner = provisioning.create(context, 1, IntentJournal.NONE, ProvisionListener.NONE).get(0).vmName();
        RestJobQueue queue = new RestJobQueue(client);
        cloud.github().queueJobs(5, "self-hosted", "linux");
        cloud.github().queueJobs(3, "self-hosted", "gpu");

        QueueMetrics waiting = queue.read(QueueQuery.of(pool), Instant.now()).demand();
        cloud.github().startJob(runner);
        QueueMetrics running = queue.read(QueueQuery.of(pool), Instant.now()).demand();
        RunnerInfo busy = new RestGitHubRunners(client).listRunners(context.scope()).get(0);
        cloud.github().finishJob(runner);

        assertThat(waiting.queued()).isEqualTo(5);
        assertThat(running.queued()).isEqualTo(4);
        assertThat(running.inProgress()).isEqualTo(1);
        assertThat(busy.busy()).isTrue();
        assertThat(queue.read(QueueQuery.of(pool), Instant.now()).demand().inProgress()).isZero();
        assertThat(cloud.github().runners()).isEmpty();
        assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::power).containsExactly(VmInfo.PowerState.STOPPED);
        assertThat(cloud.arm().machine(runner).orElseThrow().sandbox().record("shutdown.args")).isEqualTo("-h now\n");
        assertThat(vms.list(POOL)).extracting(VmInfo::powerState).containsExactly(VmInfo.PowerState.STOPPED);
    }

    @Test
    void aBusyRunnerIsNotDeletedAndAnIdleOneIs() throws Exception {
        wireFleet(cloud.pool(POOL));
        RunnerInfo busy = runner(cloud.github().addRunner("fleet-ci-busy0000", true, true));
        RunnerInfo idle = runner(cloud.github().addRunner("fleet-ci-idle0000", false, false));
        RestGitHubRunners github = new RestGitHubRunners(client);
        RunnerScope scope = PoolContext.of(config, pool).scope();

        assertThat(github.deleteRunner(scope, busy.id())).isEqualTo(DeleteOutcome.REFUSED_BUSY);
        assertThat(github.deleteRunner(scope, idle.id())).isEqualTo(DeleteOutcome.DELETED);
        assertThat(github.deleteRunner(scope, idle.id())).isEqualTo(DeleteOutcome.NOT_FOUND);
        assertThat(cloud.github().runners()).extracting(FakeRunner::name).containsExactly("fleet-ci-busy0000");
    }

    @Test
    void runnerListsArePagedWithLinkHeadersAndFailuresAndRateLimitsComeAsGitHubSendsThem() throws Exception {
        List<Duration> waits = new ArrayList<>();
        client = new GitHubClient(GitHubClientSettings.defaults(URI.create(cloud.github().baseUrl()), "harness"),
                new TokenCredentials(Secret.of(FakeCloud.GITHUB_TOKEN), "GITHUB_TOKEN"), Clock.systemUTC(), waits::add);
        for (int i = 0; i < 5; i++) {
            cloud.github().addRunner("fleet-ci-page000" + i, true, false);
        }

        List<JsonNode> paged = client.getAll("/repos/octo/app/actions/runners?per_page=2", "runners", JsonNode.class);
        cloud.github().failNext(1, 502);
        cloud.github().rateLimitNext();
        List<JsonNode> afterFailures = client.getAll("/repos/octo/app/actions/runners", "runners", JsonNode.class);

        assertThat(paged).extracting(runner -> runner.path("name").asText()).containsExactly("fleet-ci-page0000",
                "fleet-ci-page0001", "fleet-ci-page0002", "fleet-ci-page0003", "fleet-ci-page0004");
        assertThat(afterFailures).hasSize(5);
        assertThat(client.stats().requests()).isEqualTo(6);
        assertThat(client.stats().rateLimited()).isEqualTo(1);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(1)).as("until the reset a second ahead, and a second more").isBetween(Duration.ZERO,
                Duration.ofSeconds(3));
        assertThat(client.stats().lastRateLimit().remaining()).isEqualTo(5000 - 6);
        assertThat(cloud.github().writeRequests()).isEmpty();
    }

    @Test
    void armListsOnlyTaggedVmsAndItsControlsShowInWhatTheSdkReads() throws Exception {
        wireFleet(cloud.pool(POOL));
        Instant created = Instant.parse("2026-01-02T03:04:05Z");
        cloud.arm().addVm("fleet-ci-orphan01", FakeArm.fleetTags(POOL, "fleet-ci-orphan01", created), created,
                VmInfo.PowerState.RUNNING);
        cloud.arm().addVm("fleet-ci-stopped1", FakeArm.fleetTags(POOL, "fleet-ci-stopped1", created), created,
                VmInfo.PowerState.RUNNING);
        cloud.arm().addVm("fleet-ci-spot0001", FakeArm.fleetTags(POOL, "fleet-ci-spot0001", created), created,
                VmInfo.PowerState.RUNNING);
        cloud.arm().addVm("someone-elses-vm", Map.of(), created, VmInfo.PowerState.RUNNING);
        cloud.arm().deallocate("fleet-ci-stopped1");
        cloud.arm().evict("fleet-ci-spot0001");
        cloud.arm().throttleNext(1, 1);

        List<VmInfo> listed = vms.list(POOL);

        assertThat(listed).extracting(VmInfo::name, VmInfo::powerState, VmInfo::created)
                .containsExactly(tuple("fleet-ci-orphan01", VmInfo.PowerState.RUNNING, created),
                        tuple("fleet-ci-stopped1", VmInfo.PowerState.DEALLOCATED, created));
        assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::name)
                .containsExactly("fleet-ci-orphan01", "fleet-ci-stopped1", "someone-elses-vm");
        assertThat(cloud.arm().writeRequests()).isEmpty();
    }

    @Test
    void aVmCreateThatFailsInItsOperationIsAQuotaRefusalAndLeavesNothingBehind() throws Exception {
        wireFleet(cloud.pool(POOL));
        cloud.arm().failNextVmCreate("QuotaExceeded", "Operation could not be completed as it results in exceeding "
                + "approved standardDSv5Family Cores quota.");
        VmKeys keys = VmKeys.generate();

        VmCreation creation = vms.create(
                PoolContext.of(config, pool).runnerVm("fleet-ci-quota001", keys, Instant.now()));

        assertThat(creation).isInstanceOfSatisfying(VmCreation.Failed.class, failed -> {
            assertThat(failed.category()).isEqualTo(VmCreation.Category.QUOTA_EXCEEDED);
            assertThat(failed.message()).contains("standardDSv5Family");
        });
        assertThat(cloud.arm().vms()).isEmpty();
        assertThat(cloud.arm().networkInterfaces()).isEmpty();
        assertThat(cloud.arm().publicIps()).isEmpty();
        assertThat(cloud.arm().writeRequests()).contains(
                "PUT " + FakeCloud.vmPath("fleet-ci-quota001"), "DELETE " + FakeCloud.vmPath("fleet-ci-quota001"));
    }

    @Test
    void theJarAcceptsTheHarnessConfigInTheHarnessEnvironment() throws Exception {
        cloud.writeConfig(cloud.pool(POOL), cloud.pool("gpu").put("registration", "jit"));

        FleetProcess.Result result = cloud.fleet("config", "validate");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(cloud.github().writeRequests()).isEmpty();
        assertThat(cloud.arm().writeRequests()).isEmpty();
    }

    /**
     * AzureCliCredential reads the PATH of the JVM it runs in, and the trust store is a JVM option, so both are proven
     * in a JVM started like the fleet jar: with the harness's environment and JVM options.
     */
    @Test
    void aJvmWithTheHarnessEnvironmentSignsInThroughTheStandInAzAndTrustsTheFakeArm() throws Exception {
        Path out = Files.createTempFile("arm-probe", ".txt");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(cloud.certificate().jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ArmSignInProbe.class.getName(),
                cloud.arm().baseUrl(), FakeCloud.SUBSCRIPTION));
        ProcessBuilder probe = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        probe.environment().putAll(cloud.environment());
        Process process = probe.start();

        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String printed = Files.readString(out).strip();
        Files.delete(out);
        assertThat(process.exitValue()).as(printed).isZero();
        String[] expiryStatusBody = printed.lines().reduce((first, last) -> last).orElseThrow().split(" ", 3);
        assertThat(Instant.parse(expiryStatusBody[0])).isAfter(Instant.now().plusSeconds(3000));
        assertThat(expiryStatusBody[1]).as(printed).isEqualTo("200");
        assertThat(Fixtures.JSON.readTree(expiryStatusBody[2]).path("subscriptionId").asText())
                .isEqualTo(FakeCloud.SUBSCRIPTION);
        assertThat(cloud.az().calls()).containsExactly(
                "account get-access-token --output json --resource https://management.core.windows.net/");
    }

    @Test
    void aDeletedVmsSshdStopsListening() throws Exception {
        wireFleet(cloud.pool(POOL));
        ProvisionOutcome online = provisioning.create(PoolContext.of(config, pool), 1, IntentJournal.NONE, ProvisionListener.NONE).get(0);
        String address = cloud.arm().vms().get(0).address();
        assertThat(listening(address)).isTrue();

        cloud.arm().evict(online.vmName());

        assertThat(listening(address)).isFalse();
        assertThat(cloud.arm().networkInterfaces()).isEmpty();
    }

    @Test
    void armAnswersTheSubscriptionAndResourceGroupCallsOfAPreflight() {
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", cloud.arm().baseUrl() + "/");
        AzureProfile profile = new AzureProfile(null, FakeCloud.SUBSCRIPTION, new AzureEnvironment(endpoints));
        ResourceManager.Authenticated signedIn = ResourceManager.configure().withHttpClient(armHttpClient())
                .authenticate(staticArmToken(), profile);
        ResourceManager resources = signedIn.withSubscription(FakeCloud.SUBSCRIPTION);

        boolean before = resources.resourceGroups().contain(FakeCloud.RESOURCE_GROUP);
        resources.resourceGroups().define(FakeCloud.RESOURCE_GROUP).withRegion(FakeCloud.LOCATION)
                .withTags(Map.of("managed-by", "fleet")).create();

        assertThat(before).isFalse();
        assertThat(resources.resourceGroups().contain(FakeCloud.RESOURCE_GROUP)).isTrue();
        assertThat(resources.resourceGroups().getByName(FakeCloud.RESOURCE_GROUP).tags())
                .containsExactly(Map.entry("managed-by", "fleet"));
        assertThat(cloud.arm().resourceGroups()).containsExactly(FakeCloud.RESOURCE_GROUP);
        assertThat(signedIn.subscriptions().getById(FakeCloud.SUBSCRIPTION).displayName()).isEqualTo("fleet harness");
        assertThatThrownBy(() -> signedIn.subscriptions().getById("00000000-0000-0000-0000-000000000bad"))
                .isInstanceOfSatisfying(ManagementException.class,
                        e -> assertThat(e.getValue().getCode()).isEqualTo("SubscriptionNotFound"));
        assertThat(cloud.arm().writeRequests()).containsExactly("PUT /subscriptions/" + FakeCloud.SUBSCRIPTION
                + "/resourcegroups/" + FakeCloud.RESOURCE_GROUP);
    }

    @Test
    void gitHubKnowsItsRepositoriesAndOrganizationsAndServesTheRunnerPackageWithItsChecksum() throws Exception {
        wireFleet(cloud.pool(POOL));
        cloud.github().addOrg("octo-org");
        RestGitHubRunners github = new RestGitHubRunners(client);

        JsonNode repository = client.get("/repos/octo/app", JsonNode.class);
        String removeToken = github.removeToken(RunnerScope.repository(FakeCloud.REPO)).token().reveal();
        RunnerDownload latest = github.latestRunner(RunnerScope.repository(FakeCloud.REPO), "linux", "x64");
        RunnerDownload pinned = github.pinnedRunner(FakeGitHub.RUNNER_VERSION, "linux", "x64");

        assertThat(repository.path("full_name").asText()).isEqualTo(FakeCloud.REPO);
        assertThatThrownBy(() -> client.get("/repos/octo/unknown", JsonNode.class)).isInstanceOfSatisfying(
                GitHubException.class, e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> github.listRunners(RunnerScope.repository("octo/unknown")))
                .isInstanceOf(GitHubException.class);
        assertThat(github.runnerGroupId(RunnerScope.organization("octo-org"), "Default")).isEqualTo(1);
        assertThat(github.listRunners(RunnerScope.organization("octo-org"))).isEmpty();
        assertThat(removeToken).isNotBlank();
        assertThat(latest.filename()).isEqualTo("actions-runner-linux-x64-" + FakeGitHub.RUNNER_VERSION + ".tar.gz");
        assertThat(latest.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(latest.sha256()).matches("[0-9a-f]{64}").isEqualTo(pinned.sha256());
        assertThat(pinned.url()).isEqualTo(latest.url());
        assertThat(cloud.github().writeRequests()).containsExactly("POST /repos/octo/app/actions/runners/remove-token");
    }

    private boolean listening(String address) {
        try (Socket socket = new Socket(address, cloud.sshPort())) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private RunnerInfo runner(long id) {
        return new RestGitHubRunners(client).getRunner(PoolContext.of(config, pool).scope(), id).orElseThrow();
    }

    private static TokenCredential staticArmToken() {
        return request -> Mono.just(new AccessToken(FakeCloud.ARM_TOKEN, OffsetDateTime.now().plusHours(1)));
    }

    /** fleet's OkHttp set-up for ARM, trusting the fake ARM's certificate alone. */
    private HttpClient armHttpClient() {
        TestCertificate certificate = cloud.certificate();
        return new OkHttpAsyncHttpClientBuilder(AzureVmProviderFactory.okHttp()
                .sslSocketFactory(certificate.sslContext().getSocketFactory(), certificate.trustManager())
                .build()).build();
    }

    /**
     * fleet's production classes pointed at the fake cloud by the config the harness writes: the VM provider as the
     * real factory builds it (a static token in place of az, OkHttp trusting the test certificate), GitHub through
     * fleet's client, runners installed over SSH.
     */
    private void wireFleet(ObjectNode poolJson) throws IOException {
        config = ConfigParser.parse(Files.readString(cloud.writeConfig(poolJson)));
        pool = config.pools().get(0);
        cloud.arm().addResourceGroup(FakeCloud.RESOURCE_GROUP);
        vms = new AzureVmProviderFactory((kind, authority) -> staticArmToken(), armHttpClient(), variable -> null)
                .create(config);
        client = new GitHubClient(GitHubClientSettings.defaults(URI.create(cloud.github().baseUrl()), "harness"),
                new TokenCredentials(Secret.of(FakeCloud.GITHUB_TOKEN), "GITHUB_TOKEN"));
        provisioning = new Provisioning(vms, new SshRunnerInstaller(Duration.ofMinutes(1)), new RestGitHubRunners(client),
                Clock.systemUTC(), Sleeper.SYSTEM,
                new ProvisioningSettings(Duration.ofMinutes(1), Duration.ofMillis(100)));
    }
}
