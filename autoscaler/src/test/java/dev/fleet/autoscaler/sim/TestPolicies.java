package dev.fleet.autoscaler.sim;

import dev.fleet.autoscaler.PoolState;
import dev.fleet.autoscaler.QueueMetrics;
import dev.fleet.autoscaler.Runner;
import dev.fleet.autoscaler.RunnerState;
import dev.fleet.autoscaler.ScalingConfig;
import dev.fleet.autoscaler.ScalingDecision;
import dev.fleet.autoscaler.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small policies for exercising the simulator; the real ones live in {@code dev.fleet.autoscaler}. */
final class TestPolicies {
    private TestPolicies() {
    }

    /** What a scripted policy decides from the queue, the pool and the simulated time since the start. */
    @FunctionalInterface
    public interface Script {
        ScalingDecision decide(QueueMetrics demand, PoolState supply, Duration sinceStart);
    }

    public static ScalingPolicy scripted(String name, Script script) {
        return new ScalingPolicy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ScalingDecision decide(QueueMetrics demand, PoolState supply, ScalingConfig limits, Instant now) {
                return script.decide(demand, supply, Duration.between(Simulator.START, now));
            }
        };
    }

    /** Keeps exactly {@code size} runners, replacing each ephemeral one as its job ends. */
    public static ScalingPolicy fixed(int size) {
        return scripted("fixed-" + size, (demand, supply, at) -> supply.current() < size
                ? ScalingDecision.scaleUp(supply.current(), size - supply.current(), List.of(), "below size")
                : ScalingDecision.maintain(supply.current(), List.of(), "at size"));
    }

    /**
     * Behaves like a real reactive policy: one new runner for each queued job no booting or idle runner will take
     * (up to max), and idle runners removed once idle for the idle timeout (down to min).
     */
    public static ScalingPolicy perQueuedJob() {
        return new ScalingPolicy() {
            @Override
            public String name() {
                return "per-queued-job";
            }

            @Override
            public ScalingDecision decide(QueueMetrics demand, PoolState supply, ScalingConfig limits, Instant now) {
                int current = supply.runners().size();
                int waiting = 0;
                List<String> stale = new ArrayList<>();
                for (Runner runner : supply.runners()) {
                    if (runner.is(RunnerState.PROVISIONING) || runner.is(RunnerState.IDLE)) {
                        waiting++;
                    }
                    if (runner.is(RunnerState.IDLE) && runner.inStateFor(now).compareTo(limits.idleTimeout()) >= 0
                            && current - stale.size() > limits.min()) {
                        stale.add(runner.name());
                    }
                }
                int create = Math.min(demand.queued() - waiting, limits.max() - current);
                if (create > 0) {
                    return ScalingDecision.scaleUp(current, create, List.of(), "queued jobs without runners");
                }
                if (!stale.isEmpty()) {
                    return ScalingDecision.scaleDown(current, stale, List.of(), "idle too long");
                }
                return ScalingDecision.maintain(current, List.of(), "steady");
            }
        };
    }

    /** Wraps a policy, remembering what it was shown at each tick. */
    public static final class Recording implements ScalingPolicy {
        public record Call(Duration at, QueueMetrics demand, PoolState supply) {
        }

        private final ScalingPolicy policy;
        private final List<Call> calls = new ArrayList<>();

        public Recording(ScalingPolicy policy) {
            this.policy = policy;
        }

        @Override
        public String name() {
            return policy.name();
        }

        @Override
        public ScalingDecision decide(QueueMetrics demand, PoolState supply, ScalingConfig limits, Instant now) {
            calls.add(new Call(Duration.between(Simulator.START, now), demand, supply));
            return policy.decide(demand, supply, limits, now);
        }

        public List<Call> calls() {
            return calls;
        }

        public Call at(Duration at) {
            return calls.stream().filter(call -> call.at().equals(at)).findFirst()
                    .orElseThrow(() -> new AssertionError("no tick at " + at));
        }
    }
}
