package dev.fleet.lifecycle;

import ch.qos.logback.classic.Level;
import dev.fleet.github.Sleeper;
import dev.fleet.lifecycle.azure.SlowArm;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How provisioning scales with a pool's concurrency when every ARM call takes the same time: the real manager and
 * Azure provider against {@link SlowArm}, with GitHub and the installer faked so that ARM is all that takes time.
 * Not a test, since the figures depend on the machine: {@code mvn -B -q -pl lifecycle -am -Pbench test-compile}.
 */
public final class ProvisionBenchmark {

    private static final Duration ARM_LATENCY = Duration.ofMillis(100);
    private static final int VMS = 50;
    private static final int[] CONCURRENCY = {1, 5, 10, 25};

    private ProvisionBenchmark() {
    }

    public static void main(String[] args) {
        // Fifty VMs log several lines each; the table is what this prints.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        PoolContext probe = World.tokenPool(1);
        try (SlowArm arm = new SlowArm(probe.name(), probe.sshAllowedCidrs(), probe.sshPort(), ARM_LATENCY)) {
            provision(arm, probe, 1);
            int callsPerVm = arm.calls();
            Duration perVm = ARM_LATENCY.multipliedBy(callsPerVm);
            System.out.printf("lifecycle provisioning: %d VMs, ARM answers after %d ms, %d calls per VM (%d ms)%n",
                    VMS, ARM_LATENCY.toMillis(), callsPerVm, perVm.toMillis());
            System.out.printf("%11s %9s %9s %6s%n", "concurrency", "wall ms", "ideal ms", "ratio");
            for (int concurrency : CONCURRENCY) {
                arm.forgetCalls();
                long start = System.nanoTime();
                provision(arm, World.tokenPool(concurrency), VMS);
                long wall = Duration.ofNanos(System.nanoTime() - start).toMillis();
                long ideal = perVm.multipliedBy((VMS + concurrency - 1) / concurrency).toMillis();
                System.out.printf("%11d %9d %9d %6.2f%n", concurrency, wall, ideal, (double) wall / ideal);
            }
        }
    }

    private static void provision(SlowArm arm, PoolContext pool, int count) {
        Events events = new Events();
        FakeGitHub github = new FakeGitHub(events);
        Provisioning provisioning = new Provisioning(arm.provider(), new FakeInstaller(github, events), github,
                Clock.systemUTC(), Sleeper.SYSTEM, World.SETTINGS);
        List<ProvisionOutcome> outcomes = provisioning.create(pool, count, IntentJournal.NONE, ProvisionListener.NONE);
        if (!outcomes.stream().allMatch(ProvisionOutcome.Online.class::isInstance)) {
            throw new IllegalStateException("not every runner came online: " + outcomes);
        }
    }
}
