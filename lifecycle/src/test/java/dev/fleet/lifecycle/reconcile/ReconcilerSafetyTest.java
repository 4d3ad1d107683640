package dev.fleet.lifecycle.reconcile;

import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.FakeGitHub;
import dev.fleet.lifecycle.LogCapture;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.ActionKind;
import dev.fleet.lifecycle.plan.ReconcileSettings;
import dev.fleet.lifecycle.plan.RunnerClass;
import dev.fleet.lifecycle.reconcile.ActionResult.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.fleet.lifecycle.reconcile.ReconcileWorld.action;
import static dev.fleet.lifecycle.reconcile.ReconcileWorld.only;
import static dev.fleet.lifecycle.reconcile.ReconcileWorld.pool;
import static dev.fleet.lifecycle.reconcile.ReconcileWorld.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ReconcilerSafetyTest {
    private static final Duration HOUR = Duration.ofHours(1);

    private final Path stateRoot;
    private final ReconcileWorld world;

    ReconcilerSafetyTest(@TempDir Path stateRoot) {
        this.stateRoot = stateRoot;
        this.world = new ReconcileWorld(stateRoot);
    }

    @Test
    void aPoolAnotherProcessHoldsIsReportedLockedAndLeftAloneWhileTheOthersGoOn() throws Exception {
        world.vm("ci", "fleet-ci-abcd1234", Duration.ofMinutes(1), VmInfo.PowerState.STOPPED);
        world.queue.queued("docs", 1);

        PassReport pass;
        PoolLock held = world.state.lock("ci", Duration.ZERO);
        try (held) {
            pass = world.reconcile(ReconcileWorld.config(pool("ci", 0, 10), pool("docs", 0, 10)));
        }

        PoolReport ci = pass.pools().get(0);
        assertThat(ci.status()).isEqualTo(PoolReport.Status.LOCKED);
        assertThat(ci.errors()).singleElement().asString()
                .startsWith("pool ci is being reconciled by another fleet process (pid " + ProcessHandle.current().pid()
                        + ", since " + world.now() + ")");
        assertThat(ci.actions()).isEmpty();
        assertThat(ci.summary()).isEqualTo("skipped: " + ci.errors().get(0));
        assertThat(world.vmNames("ci")).containsExactly("fleet-ci-abcd1234");
        assertThat(pass.pools().get(1).status()).isEqualTo(PoolReport.Status.RECONCILED);
        assertThat(world.vmNames("docs")).hasSize(1);
        assertThat(world.queue.asked()).containsExactly("docs");
        assertThat(pass.ok()).isFalse();
    }

    @Test
    void aLockFileThatCannotBeOpenedFailsItsPoolInOneLineAndTheOtherPoolIsReconciled() throws IOException {
        Path lockFile = world.state.root().resolve("locks/ci.lock");
        Files.createDirectories(lockFile);
        world.queue.queued("docs", 1);

        PassReport pass = world.reconcile(ReconcileWorld.config(pool("ci", 0, 10), pool("docs", 0, 10)));

        PoolReport ci = pass.pools().get(0);
        assertThat(ci.status()).isEqualTo(PoolReport.Status.FAILED);
        assertThat(ci.errors()).containsExactly("cannot lock " + lockFile + ": Is a directory");
        assertThat(ci.summary()).isEqualTo("failed: cannot lock " + lockFile + ": Is a directory");
        assertThat(world.queue.asked()).containsExactly("docs");
        assertThat(pass.pools().get(1).status()).isEqualTo(PoolReport.Status.RECONCILED);
        assertThat(world.vmNames("docs")).hasSize(1);
        assertThat(pass.ok()).isFalse();
    }

    @Test
    void aDryRunSendsNoWriteToAzureOrGitHubAndWritesNoFile() throws IOException {
        world.vm("ci", "fleet-ci-done0001", Duration.ofMinutes(3), VmInfo.PowerState.DEALLOCATED);
        world.registration("ci", "fleet-ci-gone0001", RunnerInfo.Status.OFFLINE);
        world.runner("ci", "fleet-ci-idle0001", HOUR, false);
        world.queue.queued("docs", 2);
        Path root = stateRoot.resolve("fleet");
        FleetConfig config = ReconcileWorld.config(pool("ci", 0, 10), pool("docs", 0, 10),
                ReconcileWorld.pool("off", ReconcileWorld.scaling(0, 10, Duration.ZERO), false, null));

        PassReport pass = new Reconciler(world.world.azure, world.world.github, world.queue, world.world.provisioning,
                new StateFolder(root), world.world.clock,
                new ReconcileSettings(ReconcileWorld.GRACE, ReconcileWorld.GRACE, Duration.ZERO,
                        ReconcileWorld.STRAY_GRACE))
                .reconcile(config, ReconcileWorld.request(true, true), ReconcileListener.NONE);

        assertThat(world.world.events.all()).isEmpty();
        assertThat(root).doesNotExist();
        assertThat(pass.pools()).extracting(PoolReport::status).containsOnly(PoolReport.Status.DRY_RUN);
        assertThat(pass.pools()).flatExtracting(PoolReport::actions).extracting(ActionResult::result)
                .containsOnly(Result.PLANNED);
        assertThat(pass.pools().get(0).actions()).extracting(ActionResult::kind, ActionResult::target)
                .containsExactlyInAnyOrder(
                        tuple(ActionKind.REAP_VM, "fleet-ci-done0001"),
                        tuple(ActionKind.REMOVE_REGISTRATION, "fleet-ci-gone0001"),
                        tuple(ActionKind.REMOVE, "fleet-ci-idle0001"));
        assertThat(pass.pools().get(1).actions()).extracting(ActionResult::kind, ActionResult::target)
                .containsExactly(tuple(ActionKind.CREATE, "2 new"));
        assertThat(pass.ok()).isTrue();
    }

    @Test
    void aDryRunTakesNoLockAndKeepsAVmALiveProcessIsBootstrapping() throws Exception {
        world.vm("ci", "fleet-ci-live0001", Duration.ofHours(2));
        world.vm("ci", "fleet-ci-dead0001", Duration.ofMinutes(1));
        world.state.journal("ci").record("fleet-ci-live0001");
        writeRecordOfADeadProcess(world, "fleet-ci-dead0001");

        PoolReport report;
        PoolLock held = world.state.lock("ci", Duration.ZERO);
        try (held) {
            report = only(world.dryRun(ReconcileWorld.config(pool("ci", 0, 10))));
        }

        assertThat(report.status()).isEqualTo(PoolReport.Status.DRY_RUN);
        assertThat(view(report, "fleet-ci-live0001")).get().extracting(RunnerView::state)
                .isEqualTo(RunnerClass.PROVISIONING);
        assertThat(view(report, "fleet-ci-dead0001")).get().extracting(RunnerView::state)
                .isEqualTo(RunnerClass.ORPHANED_VM);
        assertThat(report.actions()).extracting(ActionResult::target, ActionResult::result)
                .containsExactly(tuple("fleet-ci-dead0001", Result.PLANNED));
        assertThat(world.state.bootstrapping("ci")).hasSize(2);
    }

    /*
     * The first process's lock is on a file that is gone, so the second gets a lock of its own; what keeps the first
     * one's installs safe is that their records name a process that still runs.
     */
    @Test
    void aStateFolderDeletedUnderARunningPassLetsASecondProcessInButNotAtTheFirstOnesInstalls() throws Exception {
        world.vm("ci", "fleet-ci-inst0001", Duration.ofMinutes(1));
        try (OtherFleetProcess first = OtherFleetProcess.holding(world.state.root().resolve("locks/ci.lock"),
                world.now().toString())) {
            deleteRecursively(world.state.root());
            first.installing(world.state, "ci", "fleet-ci-inst0001");

            PoolReport report = only(world.reconcile(ReconcileWorld.config(pool("ci", 0, 10))));

            assertThat(report.status()).isEqualTo(PoolReport.Status.RECONCILED);
            assertThat(view(report, "fleet-ci-inst0001")).get().extracting(RunnerView::state)
                    .isEqualTo(RunnerClass.PROVISIONING);
            assertThat(report.actions()).isEmpty();
            assertThat(world.vmNames("ci")).containsExactly("fleet-ci-inst0001");
            assertThat(world.state.bootstrapping("ci")).extracting(BootstrapRecord::vmName)
                    .containsExactly("fleet-ci-inst0001");
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A process that has ended: its pid names no running process with its start time. */
    private static void writeRecordOfADeadProcess(ReconcileWorld world, String vmName) throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path record = world.state.root().resolve("pools/ci/bootstrapping").resolve(vmName);
        Files.createDirectories(record.getParent());
        Files.writeString(record, "{\"pid\":" + ended.pid() + ",\"started\":\"2026-01-01T00:00:00Z\"}");
    }

    @Test
    void aDisabledPoolDrainsAllButItsBusyRunnersAndReadsItsQueueForItsIdleOnes() {
        world.runner("ci", "fleet-ci-idle0001", Duration.ofMinutes(1), false);
        world.runner("ci", "fleet-ci-busy0001", HOUR, true);
        world.vm("ci", "fleet-ci-boot0001", Duration.ofMinutes(1));
        world.registration("ci", "fleet-ci-lagg0001", RunnerInfo.Status.ONLINE);
        FleetConfig config = ReconcileWorld.config(
                ReconcileWorld.pool("ci", ReconcileWorld.scaling(2, 10, Duration.ZERO), false, null));

        PoolReport report = only(world.reconcile(config));

        assertThat(report.decision()).isEmpty();
        assertThat(world.queue.asked()).containsExactly("ci");
        assertThat(report.actions()).extracting(ActionResult::kind, ActionResult::target, ActionResult::result)
                .containsExactly(
                        tuple(ActionKind.REMOVE, "fleet-ci-boot0001", Result.DONE),
                        tuple(ActionKind.DRAIN, "fleet-ci-busy0001", Result.SKIPPED_BUSY),
                        tuple(ActionKind.REMOVE, "fleet-ci-idle0001", Result.DONE),
                        tuple(ActionKind.REMOVE_REGISTRATION, "fleet-ci-lagg0001",
                                Result.DONE));
        assertThat(world.vmNames("ci")).containsExactly("fleet-ci-busy0001");
        assertThat(world.runnerNames()).containsExactly("fleet-ci-busy0001");
        assertThat(report.ok()).isTrue();
        assertThat(report.summary()).startsWith("disabled: draining; ");
    }

    @Test
    void forcingADisabledPoolDeletesBusyRunnersTooVmFirst() {
        world.runner("ci", "fleet-ci-busy0001", HOUR, true);
        FleetConfig config = ReconcileWorld.config(
                ReconcileWorld.pool("ci", ReconcileWorld.scaling(0, 10, Duration.ZERO), false, null));

        PoolReport report = only(world.reconciler.reconcile(config, ReconcileWorld.request(false, true),
                ReconcileListener.NONE));

        assertThat(world.world.events.all()).containsExactly("delete VM fleet-ci-busy0001",
                "delete runner fleet-ci-busy0001");
        assertThat(action(report, "fleet-ci-busy0001")).get().satisfies(action -> {
            assertThat(action.kind()).isEqualTo(ActionKind.REMOVE);
            assertThat(action.result()).isEqualTo(Result.DONE);
            assertThat(action.detail()).contains("later pass");
        });
        assertThat(world.vmNames("ci")).isEmpty();
    }

    @Test
    void aGitHubFailureFailsItsPoolInOneLineAndTheOtherPoolIsReconciled() {
        world.world.github.failListing(RunnerScope.repository("octo/app"));
        world.queue.queued("docs", 1);
        FleetConfig config = ReconcileWorld.config(pool("ci", 0, 10),
                new dev.fleet.config.PoolConfig("docs", "octo/docs", null, null, List.of(), null, null,
                        ReconcileWorld.scaling(0, 10, Duration.ZERO), null, null, null, null, null, null));

        PassReport pass = world.reconcile(config);

        PoolReport ci = pass.pools().get(0);
        assertThat(ci.status()).isEqualTo(PoolReport.Status.FAILED);
        assertThat(ci.errors()).containsExactly("GitHub: GitHub refused the token (401); set a valid GITHUB_TOKEN");
        assertThat(pass.pools().get(1).status()).isEqualTo(PoolReport.Status.RECONCILED);
        assertThat(world.vmNames("docs")).hasSize(1);
        assertThat(world.state.lastPass("ci")).get().satisfies(last -> {
            assertThat(last.status()).isEqualTo(PoolReport.Status.FAILED);
            assertThat(last.errors()).isEqualTo(ci.errors());
            assertThat(last.summary()).isEqualTo("failed: " + ci.errors().get(0));
            assertThat(last.passId()).isEqualTo(pass.passId());
        });
        assertThat(pass.ok()).isFalse();
    }

    @Test
    void anAzureFailureFailsThePoolsOfItsResourceGroupWithAzuresCodeAndMessage() {
        world.world.azure.failLists("rg-fleet", new ManagementException("Status code 403, \"{...}\"", null,
                new ManagementError("AuthorizationFailed", "The client 'fleet' does not have authorization\nto "
                        + "perform action 'Microsoft.Compute/virtualMachines/read'")));
        world.queue.queued("docs", 1);

        PoolConfig docs = pool("docs", 0, 10);
        docs = new PoolConfig(docs.name(), docs.repo(), null, null, docs.labels(), null,
                new PoolConfig.AzureOverrides("rg-docs", null, null, null, null, null, null), docs.scaling(),
                docs.registration(), null, null, null, true, null);

        PassReport pass = world.reconcile(ReconcileWorld.config(pool("ci", 0, 10), docs));

        assertThat(pass.pools().get(0).status()).isEqualTo(PoolReport.Status.FAILED);
        assertThat(pass.pools().get(0).errors()).containsExactly("Azure: AuthorizationFailed: The client 'fleet' does "
                + "not have authorization to perform action 'Microsoft.Compute/virtualMachines/read'");
        assertThat(pass.pools().get(1).status()).isEqualTo(PoolReport.Status.RECONCILED);
        assertThat(world.vmNames("docs")).hasSize(1);
    }

    @Test
    void anInvalidScalingSettingFailsThePool() {

        PoolReport report = only(world.reconcile(ReconcileWorld.config(pool("ci", 5, 2))));

        assertThat(report.status()).isEqualTo(PoolReport.Status.FAILED);
        assertThat(report.errors()).singleElement().asString().startsWith("IllegalArgumentException: max must be");
    }

    @Test
    void onlyTheRequestedPoolIsReconciled() {
        world.queue.queued("ci", 1);
        world.queue.queued("docs", 1);

        PassReport pass = world.reconciler.reconcile(ReconcileWorld.config(pool("ci", 0, 10), pool("docs", 0, 10)),
                new ReconcileRequest(Optional.of("docs"), false, false, Duration.ZERO), ReconcileListener.NONE);

        assertThat(pass.pools()).extracting(PoolReport::pool).containsExactly("docs");
        assertThat(world.vmNames("ci")).isEmpty();
    }

    @Test
    void aPoolTheConfigDoesNotHaveIsRefusedByName() {

        assertThatThrownBy(() -> world.reconciler.reconcile(ReconcileWorld.config(pool("ci", 0, 10)),
                new ReconcileRequest(Optional.of("cj"), false, false, Duration.ZERO), ReconcileListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the config has no pool named cj");
    }

    @Test
    void aConfigWithoutPoolsMakesAnEmptyPass() {
        PassReport pass = world.reconcile(ReconcileWorld.config());

        assertThat(pass.pools()).isEmpty();
        assertThat(pass.ok()).isTrue();
    }

    @Test
    void eachPassRecordsWhatStatusShows() {
        world.queue.queued("ci", 2);

        PassReport pass = world.reconcile(ReconcileWorld.config(pool("ci", 0, 10)));

        assertThat(world.state.lastPass("ci")).get().satisfies(last -> {
            assertThat(last.passId()).isEqualTo(pass.passId()).matches("[0-9a-f]{8}");
            assertThat(last.status()).isEqualTo(PoolReport.Status.RECONCILED);
            assertThat(last.finished()).isEqualTo(world.now());
            assertThat(last.summary()).isEqualTo("2 queued jobs, 0 runners free: creating 2; 2 done");
            assertThat(last.errors()).isEmpty();
        });
    }

    @Test
    void theReportPrintsAsJsonWithAPlainObjectMapper() throws IOException {
        world.registration("ci", "fleet-ci-lagg0001", RunnerInfo.Status.ONLINE);
        world.queue.queued("ci", 1);

        PassReport pass = world.reconcile(ReconcileWorld.config(pool("ci", 0, 10)));
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(pass));

        assertThat(json.get("started").asText()).isEqualTo(world.now().toString());
        assertThat(json.get("ok").asBoolean()).isTrue();
        JsonNode ci = json.get("pools").get(0);
        assertThat(ci.get("decision").get("action").asText()).isEqualTo("SCALE_UP");
        assertThat(ci.get("queue").get("queued").asInt()).isEqualTo(1);
        JsonNode lagging = ci.get("runners").get(0);
        assertThat(lagging.get("vm").isNull()).isTrue();
        assertThat(lagging.get("github").asText()).isEqualTo("ONLINE");
        assertThat(lagging.get("age").asText()).isEqualTo("PT0S");
        assertThat(ci.get("actions").get(0).get("kind").asText()).isEqualTo("CREATE");
    }

    @Test
    void everyLineOfAPoolsWorkCarriesThePassAndPoolEvenFromProvisioningThreads() {
        world.queue.queued("ci", 2);

        try (LogCapture log = new LogCapture()) {
            PassReport pass = world.reconcile(ReconcileWorld.config(pool("ci", 0, 10)));

            List<ch.qos.logback.classic.spi.ILoggingEvent> poolLines = log.events().stream()
                    .filter(event -> !event.getLoggerName().endsWith(".Reconciler"))
                    .toList();
            assertThat(poolLines).extracting(event -> event.getFormattedMessage())
                    .anyMatch(line -> line.startsWith("runner fleet-ci-") && line.endsWith(" online"));
            assertThat(poolLines).allSatisfy(event -> assertThat(event.getMDCPropertyMap())
                    .containsEntry("pass", pass.passId()).containsEntry("pool", "ci"));
            assertThat(poolLines).extracting(event -> event.getThreadName())
                    .anyMatch(thread -> thread.startsWith("fleet-provision-ci-"));
        }
    }

    @Test
    void noRegistrationTokenReachesTheReportTheStateFolderOrALogLine() throws IOException {
        world.queue.queued("ci", 2);

        try (LogCapture log = new LogCapture()) {
            PassReport pass = world.reconcile(ReconcileWorld.config(pool("ci", 0, 10)));

            assertThat(new ObjectMapper().writeValueAsString(pass)).doesNotContain(FakeGitHub.TOKEN);
            assertThat(log.lines()).noneMatch(line -> line.contains(FakeGitHub.TOKEN));
        }
        try (Stream<Path> files = Files.walk(stateRoot)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).doesNotContain(FakeGitHub.TOKEN);
            }
        }
    }
}
