package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.it.cloud.FakeArm;
import dev.fleet.it.cloud.FakeCloud;
import dev.fleet.it.cloud.FakeRunner;
import dev.fleet.it.cloud.GitHubHook;
import dev.fleet.lifecycle.azure.VmInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code fleet serve} as a service runs it, with its periodic pass ten minutes apart: GitHub's deliveries alone make it
 * create a runner for a queued job and delete the VM of a completed one, and SIGTERM lets the pass under way finish.
 */
class ServeWebhookIT {
    /** The JVM's status after SIGTERM: 128 + 15. */
    private static final int TERMINATED = 143;
    private static final List<String> LABELS = List.of("self-hosted", "linux");

    @Test
    void aQueuedDeliveryCreatesARunnerACompletedOneDeletesItsVmAndSigtermLetsThePassFinish() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            Pools.write(cloud, Pools.ci(cloud, 0, 2));
            int port = FakeCloud.freePort();
            Map<String, String> env = new HashMap<>(cloud.environment());
            env.put("FLEET_WEBHOOK_SECRET", GitHubHook.SECRET);
            FleetProcess.Options options = new FleetProcess.Options(env, cloud.options().jvmOptions(), "",
                    FleetProcess.Options.DEFAULT_TIMEOUT);
            FleetProcess.Running serve = FleetProcess.start(options, "serve", "--listen", "127.0.0.1:" + port,
                    "--interval", "10m");
            GitHubHook hook = new GitHubHook("http://127.0.0.1:" + port);
            await(() -> serve.isAlive() && upQuietly(hook), "serve answering /healthz");

            cloud.github().queueJobs(1, LABELS.toArray(String[]::new));
            assertThat(hook.queued(LABELS).statusCode()).isEqualTo(202);
            cloud.arm().awaitVmCreates(1);
            // The runner is online for GitHub a moment before its install ends: the job waits until fleet is done with it.
            Path installs = Path.of(env.get("XDG_STATE_HOME"), "fleet", "pools", Pools.CI, "bootstrapping");
            await(() -> cloud.github().runners().stream().anyMatch(FakeRunner::online) && noFiles(installs),
                    "the runner online and installed");
            String runner = cloud.arm().vms().get(0).name();
            cloud.github().startJob(runner);
            cloud.github().finishJob(runner);
            assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::power).containsExactly(VmInfo.PowerState.STOPPED);

            assertThat(hook.completed(runner).statusCode()).isEqualTo(202);
            await(() -> cloud.arm().vms().isEmpty(), "the finished runner's VM deleted");
            assertThat(cloud.arm().writeRequests()).contains("DELETE " + FakeCloud.vmPath(runner));

            cloud.github().queueJobs(1, LABELS.toArray(String[]::new));
            assertThat(hook.queued(LABELS).statusCode()).isEqualTo(202);
            cloud.arm().awaitVmCreates(2);
            FleetProcess.Result result = serve.terminate();

            assertThat(result.exitCode()).as(result.err()).isEqualTo(TERMINATED);
            // Finished, not abandoned: the VM it was making is up with its runner.
            assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::power).containsExactly(VmInfo.PowerState.RUNNING);
            assertThat(cloud.github().runners()).extracting(FakeRunner::online).containsExactly(true);
            assertThat(result.err()).contains("pass requested for pool ci", "runner " + runner + " of a completed job "
                    + "removed").doesNotContain(GitHubHook.SECRET);
        }
    }

    private static boolean noFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findAny().isEmpty();
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean upQuietly(GitHubHook hook) {
        try {
            return hook.up();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for {@code condition}, a minute at most: what it waits for happens in another process. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within a minute");
            }
            Thread.sleep(100);
        }
    }
}
