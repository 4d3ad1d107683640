package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.it.cloud.FakeCloud;
import dev.fleet.it.cloud.RequestTap;
import dev.fleet.it.cloud.SecretLedger;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * No secret the suite used shows anywhere fleet wrote: the last test class of the suite, it scans everything every
 * earlier test's fleet processes printed, the files they left in config, state and home folders, and what they ran on
 * the fake VMs (see {@link SecretLedger}), for every token, registration, JIT config and VM host key the fake cloud
 * handed out and for any private key at all. Its own session first runs the paths most likely to say too much:
 * {@code --verbose} and JSON logs, both registration modes, a failing registration.
 */
@Order(Integer.MAX_VALUE)
class SecretsIT {
    @Test
    void noSecretTheSuiteUsedAppearsInAnythingFleetProducedOrRanOnAVm() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            ObjectNode jit = Pools.ci(cloud, 1, 2);
            ObjectNode token = cloud.pool("web").put("registration", "token");
            token.putObject("scaling").put("minRunners", 1).put("maxRunners", 2).put("cooldown", "0s");
            cloud.arm().addResourceGroup(FakeCloud.RESOURCE_GROUP);
            cloud.writeConfig(jit, token);
            cloud.github().tap().inject(call -> call.endsWith("/generate-jitconfig"), RequestTap.Fault.HTTP_503, 1);

            FleetProcess.Result failed = cloud.fleet("--verbose", "reconcile");
            FleetProcess.Result repaired = cloud.fleet("--verbose", "--log-format", "json", "reconcile");
            FleetProcess.Result status = cloud.fleet("--verbose", "github-runner", "status", "--output", "json");

            assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(1);
            assertThat(repaired.exitCode()).as(repaired.out() + repaired.err()).isZero();
            assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        }

        SecretLedger.Scan scan = SecretLedger.scan();
        ReliabilityReport.line(String.format("secrets: %d tracked (%s, and any private key), %,d bytes scanned in %d "
                + "sources, %d hits", scan.secrets().values().stream().mapToLong(Long::longValue).sum(),
                scan.secrets().entrySet().stream().map(kind -> kind.getValue() + " " + kind.getKey())
                        .collect(Collectors.joining(", ")), scan.bytes(), scan.sources(), scan.hits().size()));
        Map<String, Long> byKind = scan.hits().stream()
                .collect(Collectors.groupingBy(SecretLedger.Hit::secretKind, Collectors.counting()));
        assertThat(scan.hits()).as("places holding a secret, by kind: %s", byKind).isEmpty();
    }
}
