package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.it.cloud.FakeCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GitHub and Azure failing during a pass. What a retry mends within the pass (a few 5xx, a
 * rate limit, ARM throttling) leaves it reconciled, exit 0; what a retry cannot mend (GitHub failing a runner's
 * registration, a quota Azure will not lift) fails the pass, exit 1, with the pool as it was, and the next pass repairs
 * it.
 */
class CloudFailuresIT {
    private static final String QUOTA = "Operation could not be completed as it results in exceeding approved "
            + "standardDSv5Family Cores quota.";

    @RegisterExtension
    final Session session = Session.withPool(1, 10);

    @Test
    void gitHub5xxAndItsRateLimitAndArmThrottlingAreRiddenOutWithinThePass(FakeCloud cloud) throws Exception {
        cloud.github().failNext(2, 502);
        cloud.github().rateLimitNext();
        cloud.arm().throttleNext(2, 1);

        FleetProcess.Result pass = session.run(0, "reconcile");

        Converged.assertPoolOf(cloud, 1);
        assertThat(pass.err()).containsPattern("GitHub rate limit on GET \\S+: waiting \\d s");
    }

    /** A registration is a POST, which fleet does not send twice: one 503 fails the VM's setup. */
    @Test
    void aGitHubErrorOnTheRunnersRegistrationFailsThePassWhichUndoesTheVmAndTheNextPassRepairs(FakeCloud cloud)
            throws Exception {
        cloud.github().failNextWrites(1, 503);

        FleetProcess.Result failed = session.run(1, "reconcile");

        assertThat(failed.out()).contains("runner not installed, VM deleted: GitHub failed POST "
                + "/repos/octo/app/actions/runners/generate-jitconfig with 503");
        assertThat(cloud.arm().writeRequests()).filteredOn(write -> write.startsWith("DELETE " + FakeCloud.vmPath("")))
                .hasSize(1);
        Converged.assertPoolOf(cloud, 0);

        session.run(0, "reconcile");

        Converged.assertPoolOf(cloud, 1);
    }

    @Test
    void aQuotaRefusalFailsThePassLeavingNothingAndTheNextPassRepairs(FakeCloud cloud) throws Exception {
        cloud.arm().failNextVmCreate("QuotaExceeded", QUOTA);

        FleetProcess.Result refused = session.run(1, "reconcile");

        assertThat(refused.out()).contains("Azure did not create the VM (QUOTA_EXCEEDED): QuotaExceeded: " + QUOTA);
        Converged.assertPoolOf(cloud, 0);

        session.run(0, "reconcile");

        Converged.assertPoolOf(cloud, 1);
    }
}
