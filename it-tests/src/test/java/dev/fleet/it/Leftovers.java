package dev.fleet.it;

import dev.fleet.it.cloud.FakeCloud;
import java.time.Duration;
import java.time.Instant;

/** What an earlier fleet run can leave of pool {@code ci}, for a pass to find. */
final class Leftovers {
    /** A VM made an hour ago, long past its boot grace, whose runner never registered. */
    static final String VM = "fleet-ci-orphan01";
    /** An offline registration whose VM is gone. */
    static final String REGISTRATION = "fleet-ci-gone0001";

    private Leftovers() {
    }

    static void leave(FakeCloud cloud) {
        cloud.arm().addFleetVm(Pools.CI, VM, Instant.now().minus(Duration.ofHours(1)));
        cloud.github().addPoolRunner(FakeCloud.REPO, Pools.CI, REGISTRATION, false, false);
    }
}
