package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fleet.it.cloud.FakeArm;
import dev.fleet.it.cloud.FakeCloud;
import dev.fleet.it.cloud.FakeRunner;
import dev.fleet.lifecycle.azure.VmInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scenario 4 of issue 5: what earlier runs, Azure or people left behind is cleaned in one pass, and only that. */
class GarbageIT {
    private static final String ORPHAN_VM = "fleet-ci-orphan01";
    private static final String ORPHAN_RUNNER = "fleet-ci-gone0001";
    private static final String EVICTED = "fleet-ci-spot0001";
    private static final String BOOTING = "fleet-ci-booting1";
    /** Named like fleet's, but without fleet's tags: someone else's. */
    private static final String UNTAGGED = "fleet-ci-notours1";

    @RegisterExtension
    final Session session = new Session();

    @Test
    void orphanedVmsAndRegistrationsAndEvictedSpotVmsGoInOnePassButNotOthersVmsNorOnesStillBooting()
            throws Exception {
        FakeCloud cloud = session.cloud();
        cloud.writeConfig(Pools.ci(cloud, 0, 10));
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        cloud.arm().addVm(ORPHAN_VM, FakeArm.fleetTags(Pools.CI, ORPHAN_VM, longAgo), longAgo,
                VmInfo.PowerState.RUNNING);
        cloud.github().addRunner(ORPHAN_RUNNER, false, false);
        cloud.arm().addVm(EVICTED, FakeArm.fleetTags(Pools.CI, EVICTED, longAgo), longAgo, VmInfo.PowerState.RUNNING);
        cloud.github().addRunner(EVICTED, true, false);
        cloud.arm().evict(EVICTED);
        Instant now = Instant.now();
        cloud.arm().addVm(BOOTING, FakeArm.fleetTags(Pools.CI, BOOTING, now), now, VmInfo.PowerState.RUNNING);
        cloud.arm().addVm(UNTAGGED, Map.of(), longAgo, VmInfo.PowerState.RUNNING);
        assertThat(cloud.github().runners()).extracting(FakeRunner::name, FakeRunner::online)
                .containsExactly(tuple(ORPHAN_RUNNER, false), tuple(EVICTED, false));

        FleetProcess.Result pass = session.run(0, "reconcile");

        assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::name).containsExactly(BOOTING, UNTAGGED);
        assertThat(cloud.github().runners()).isEmpty();
        assertThat(cloud.writeRequests()).noneMatch(write -> write.contains(BOOTING) || write.contains(UNTAGGED))
                .contains("DELETE " + FakeCloud.vmPath(ORPHAN_VM));
        assertThat(pass.out())
                .containsPattern("reap vm +" + ORPHAN_VM + " +done")
                .containsPattern("remove registration +" + ORPHAN_RUNNER + " +done")
                .containsPattern("remove registration +" + EVICTED + " +done")
                .containsPattern(BOOTING + " +provisioning +running +- ");
    }
}
