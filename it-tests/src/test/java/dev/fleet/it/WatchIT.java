package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.it.cloud.FakeArm;
import dev.fleet.it.cloud.FakeCloud;
import dev.fleet.it.cloud.FakeRunner;
import org.junit.jupiter.api.Test;

/** {@code reconcile --watch} as a systemd service runs it, stopped the way systemd stops one. */
class WatchIT {
    /** The JVM's status after SIGTERM: 128 + 15. systemd counts it a clean stop with SuccessExitStatus=143. */
    private static final int TERMINATED = 143;

    @Test
    void sigtermLetsThePassUnderWayFinishThenStops() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.arm().addResourceGroup(FakeCloud.RESOURCE_GROUP);
            ObjectNode pool = cloud.pool("ci");
            pool.putObject("scaling").put("minRunners", 1).put("maxRunners", 2);
            cloud.writeConfig(pool);
            FleetProcess.Running watch = FleetProcess.start(cloud.options(), "reconcile", "--watch", "--interval",
                    "10m");

            cloud.arm().awaitVmCreates(1);
            FleetProcess.Result result = watch.terminate();

            assertThat(result.exitCode()).as(result.err()).isEqualTo(TERMINATED);
            assertThat(result.err()).contains("stopping: letting the pass under way finish");
            assertThat(result.out()).startsWith("pool ci: reconciled").containsPattern("create +fleet-ci-\\w{8} +done");
            // Finished, not abandoned: the VM it was making is up with its runner, and nothing else is left over.
            assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::name).hasSize(1);
            assertThat(cloud.github().runners()).extracting(FakeRunner::online).containsExactly(true);
        }
    }
}
