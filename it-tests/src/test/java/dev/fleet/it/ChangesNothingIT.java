package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.it.cloud.FakeArm;
import dev.fleet.it.cloud.FakeCloud;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What must change nothing anywhere. Bad input is refused before anything happens:
 * exit 2, a line that names what is wrong, the config file as it was to the byte, and no request that changes anything
 * sent to GitHub or Azure. A dry run and status say what a pass would do, with demand and garbage to act on, and do
 * none of it.
 */
class ChangesNothingIT {
    @RegisterExtension
    final Session session = Session.withPool(0, 10);

    @ParameterizedTest(name = "fleet {0}")
    @CsvSource(delimiter = '|', value = {
        "github-runner enable --pool web --repo octo/app! | fleet: pools[web].repo: must be owner/name matching "
                + "^[a-zA-Z0-9_-]+/[a-zA-Z0-9._-]+$, was \"octo/app!\"",
        "github-runner enable --pool web --repo octo/app --min-runners 5 --max-runners 2 "
                + "| fleet: pools[web].scaling.maxRunners: must be >= minRunners (5), was 2",
        "reconcile --pool nope | fleet: --pool: no pool named nope; pools: ci",
        "github-runner disable --pool nope | fleet: --pool: no pool named nope; pools: ci"})
    void aBadOptionIsOneLineNamingIt(String args, String error, FakeCloud cloud) throws Exception {
        byte[] config = Files.readAllBytes(cloud.configFile());

        FleetProcess.Result refused = session.run(2, args.split(" "));

        assertThat(refused.err()).isEqualTo(error + "\n");
        assertThat(cloud.configFile()).hasBinaryContent(config);
        assertThat(cloud.writeRequests()).isEmpty();
    }

    @Test
    void aMalformedConfigIsRefusedNamingWhereItIsWrong(FakeCloud cloud) throws Exception {
        Pools.write(cloud, Pools.ci(cloud, 0, 10).put("registration", "telepathy"));
        assertReconcileRefusesTheConfig(cloud, "fleet: pools[ci].registration: ");

        String config = Files.readString(cloud.configFile());
        Files.writeString(cloud.configFile(), config.substring(0, config.length() / 2));
        assertReconcileRefusesTheConfig(cloud, "fleet: not valid JSON at line ");
    }

    private void assertReconcileRefusesTheConfig(FakeCloud cloud, String problem) throws Exception {
        byte[] config = Files.readAllBytes(cloud.configFile());

        FleetProcess.Result refused = session.run(2, "reconcile");

        assertThat(refused.err().lines()).hasSize(2).first()
                .isEqualTo("fleet: " + cloud.configFile() + ": 1 problem");
        assertThat(refused.err().lines().skip(1)).singleElement().asString().startsWith(problem);
        assertThat(cloud.configFile()).hasBinaryContent(config);
        assertThat(cloud.writeRequests()).isEmpty();
    }

    @Test
    void aDryRunAndStatusPrintThePlanForDemandAndGarbageAndCarryOutNone(FakeCloud cloud) throws Exception {
        cloud.github().queueJobs(3, "self-hosted", "linux");
        Leftovers.leave(cloud);

        FleetProcess.Result plan = session.run(0, "reconcile", "--dry-run");
        FleetProcess.Result status = session.run(0, "github-runner", "status");

        assertThat(cloud.arm().writeRequests()).isEmpty();
        assertThat(cloud.github().writeRequests()).isEmpty();
        assertThat(cloud.arm().vms()).extracting(FakeArm.Vm::name).containsExactly(Leftovers.VM);
        assertThat(cloud.github().runners()).hasSize(1);
        for (FleetProcess.Result result : new FleetProcess.Result[] {plan, status}) {
            assertThat(result.out()).contains("scale up, 0 -> 3: 3 queued jobs, 0 runners free: creating 3",
                            "would do:")
                    .containsPattern("create +3 new +planned")
                    .containsPattern("reap vm +" + Leftovers.VM + " +planned")
                    .containsPattern("remove registration +" + Leftovers.REGISTRATION + " +planned");
        }
        assertThat(plan.out()).startsWith("pool ci: dry run");
        assertThat(status.out()).contains("last pass: none yet");
    }
}
