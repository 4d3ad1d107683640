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

/** What earlier runs, Azure or people left behind is cleaned in one pass, and only that. */
class GarbageIT {
    private static final String EVICTED = "fleet-ci-spot0001";
    private static final String BOOTING = "fleet-ci-booting1";
    /** Named like fleet's, but without fleet's tags: someone else's. */
    private static final String UNTAGGED = "fleet-ci-notours1";

    @RegisterExtension
    final Session session = Session.withPool(0, 10);

    @Test
    void orphanedVmsAndRegistrationsAndEvictedSpotVmsGoInOnePassButNotOthersVmsNorOnesStillBooting(FakeCloud cloud)
            throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        Leftovers.leave(cloud);
        cloud.arm().addFleetVm(Pools.CI, EVICTED, longAgo);
        cloud.github().addPoolRunner(FakeCloud.REPO, Pools.CI, EVICTED, true, false);
        cloud.arm().evict(EVICTED);
        cloud.arm().addFleetVm(Pools.CI, BOOTING, Instant.now());
        cloud.arm().addVm(UNTAGGED, Map.of(), longAgo, VmInfo.PowerState.RUNNING);
        assertThat(cloud.github().runners()).extracting(FakeRunner::name, FakeRunner::online)
                .containsExactly(tuple(Leftovers.REGISTRATION, false), tuple(EVICTED, false));

        FleetProcess.Result pass = session.run(0, "reconcile");

        assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::name).containsExactly(BOOTING, UNTAGGED);
        assertThat(cloud.github().runners()).isEmpty();
        assertThat(cloud.writeRequests()).noneMatch(write -> write.contains(BOOTING) || write.contains(UNTAGGED))
                .contains("DELETE " + FakeCloud.vmPath(Leftovers.VM));
        assertThat(pass.out())
                .containsPattern("reap vm +" + Leftovers.VM + " +done")
                .containsPattern("remove registration +" + Leftovers.REGISTRATION + " +done")
                .containsPattern("remove registration +" + EVICTED + " +done")
                .containsPattern(BOOTING + " +provisioning +running +- ");
    }
}
