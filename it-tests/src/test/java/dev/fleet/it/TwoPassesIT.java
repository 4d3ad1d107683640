package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.it.cloud.FakeCloud;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scenario 7 of issue 5: two reconciles started together, as two timers or a timer and a person might. */
class TwoPassesIT {
    @RegisterExtension
    final Session session = new Session();

    @Test
    void onlyOneActsOnAPoolAndTheOtherSaysItIsLocked() throws Exception {
        FakeCloud cloud = session.cloud();
        cloud.arm().addResourceGroup(FakeCloud.RESOURCE_GROUP);
        cloud.writeConfig(Pools.ci(cloud, 2, 10));
        String[] reconcile = {"reconcile", "--lock-wait", "1s"};

        FleetProcess.Running one = FleetProcess.start(cloud.options(), reconcile);
        FleetProcess.Running other = FleetProcess.start(cloud.options(), reconcile);
        List<FleetProcess.Result> results = List.of(one.await(), other.await());
        results.forEach(result -> session.record(reconcile, result));

        List<FleetProcess.Result> byExitCode = results.stream()
                .sorted(Comparator.comparingInt(FleetProcess.Result::exitCode)).toList();
        assertThat(byExitCode).as(session.transcript()).extracting(FleetProcess.Result::exitCode).containsExactly(0, 1);
        assertThat(byExitCode.get(1).out()).contains("pool ci: locked")
                .containsPattern("error: pool ci is being reconciled by another fleet process \\(pid \\d+, since ");
        Converged.assertPoolOf(cloud, 2);
        assertThat(cloud.arm().writeRequests()).filteredOn(write -> write.startsWith("PUT " + FakeCloud.vmPath("")))
                .hasSize(2);
    }
}
