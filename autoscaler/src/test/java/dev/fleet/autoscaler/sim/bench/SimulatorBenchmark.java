package dev.fleet.autoscaler.sim.bench;

import dev.fleet.autoscaler.ScalingConfig;
import dev.fleet.autoscaler.ScalingPolicy;
import dev.fleet.autoscaler.sim.PolicyResult;
import dev.fleet.autoscaler.sim.SimulationSettings;
import dev.fleet.autoscaler.sim.Simulator;
import dev.fleet.autoscaler.sim.TestPolicies;
import dev.fleet.autoscaler.sim.Trace;
import dev.fleet.autoscaler.sim.TraceGenerator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@link Simulator#run} of a 1,000,000-job busy-monorepo trace (about 20 months of it) with a reactive policy.
 * Run with {@code mvn -B -q -pl autoscaler -Pbench test-compile exec:exec}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class SimulatorBenchmark {
    private static final int JOBS = 1_000_000;
    /** Enough busy-monorepo days for a million jobs: a week holds about 12,000. */
    private static final int DAYS = 650;

    private final Simulator simulator = new Simulator();
    private final ScalingPolicy policy = TestPolicies.perQueuedJob();
    private Trace trace;
    private SimulationSettings settings;

    @Setup
    public void generateTrace() {
        Trace generated = new TraceGenerator().generate(TraceGenerator.Profile.BUSY_MONOREPO, DAYS, 1);
        if (generated.jobs().size() < JOBS) {
            throw new IllegalStateException(DAYS + " days made only " + generated.jobs().size() + " jobs");
        }
        trace = new Trace(generated.jobs().subList(0, JOBS));
        settings = SimulationSettings.defaults(ScalingConfig.DEFAULTS.withLimits(0, 1_000));
    }

    @Benchmark
    public PolicyResult run() {
        return simulator.run(trace, policy, settings);
    }
}
