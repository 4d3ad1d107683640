package dev.fleet.autoscaler.sim.bench;

import dev.fleet.autoscaler.Policies;
import dev.fleet.autoscaler.ScalingConfig;
import dev.fleet.autoscaler.ScalingPolicy;
import dev.fleet.autoscaler.sim.PolicyResult;
import dev.fleet.autoscaler.sim.SimulationSettings;
import dev.fleet.autoscaler.sim.Simulator;
import dev.fleet.autoscaler.sim.Trace;
import dev.fleet.autoscaler.sim.TraceGenerator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@link Simulator#run} of a 1,000,000-job busy-monorepo trace (about 20 months of it) with each real policy, on
 * the pool {@code fleet simulate} assumes without a pool config (min 0, max 100, the seed's other defaults).
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
    @Param({"azlin", "min-idle", "fleet"})
    public String policySpec;

    private ScalingPolicy policy;
    private Trace trace;
    private SimulationSettings settings;

    @Setup
    public void generateTrace() {
        Trace generated = new TraceGenerator().generate(TraceGenerator.Profile.BUSY_MONOREPO, DAYS, 1);
        if (generated.jobs().size() < JOBS) {
            throw new IllegalStateException(DAYS + " days made only " + generated.jobs().size() + " jobs");
        }
        trace = new Trace(generated.jobs().subList(0, JOBS));
        policy = Policies.parse(policySpec);
        settings = SimulationSettings.defaults(ScalingConfig.DEFAULTS.withLimits(0, 100));
    }

    @Benchmark
    public PolicyResult run() {
        return simulator.run(trace, policy, settings);
    }
}
