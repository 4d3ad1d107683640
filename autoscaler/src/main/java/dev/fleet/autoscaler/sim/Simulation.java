package dev.fleet.autoscaler.sim;

import dev.fleet.autoscaler.ArrivalRate;
import dev.fleet.autoscaler.PoolState;
import dev.fleet.autoscaler.QueueMetrics;
import dev.fleet.autoscaler.QueuedJob;
import dev.fleet.autoscaler.Runner;
import dev.fleet.autoscaler.RunnerState;
import dev.fleet.autoscaler.ScalingDecision;
import dev.fleet.autoscaler.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The mutable state of one {@link Simulator} run; used once. Times are milliseconds since {@link Simulator#START}.
 *
 * <p>Jobs are numbered in arrival order, and because an idle runner exists only while the queue is empty (a runner
 * coming up takes the oldest queued job), the queued jobs are always the contiguous range
 * {@code [queueHead, arrived)}: no queue structure is needed, and the jobs started are exactly those before
 * {@code queueHead}.
 */
final class Simulation {
    private static final long NONE = Long.MAX_VALUE;
    /** Before the first pass: far enough back that a delivery's pass is never held back for spacing. */
    private static final long NONE_YET = Long.MIN_VALUE / 2;
    private static final long PASS_SPACING = SimulationSettings.MIN_INTERVAL.toMillis();

    private final Workload work;
    private final ScalingPolicy policy;
    private final SimulationSettings settings;
    private final long interval;
    private final long window;
    private final boolean webhooks;
    private final long latency;
    private final SplittableRandom random;

    private final long[] waits;
    /** The queued jobs as policies see them, made once each and dropped when the job starts. */
    private final QueuedJob[] queuedJobs;
    private final PriorityQueue<Vm> pending =
            new PriorityQueue<>(Comparator.comparingLong((Vm vm) -> vm.eventAt).thenComparingInt(vm -> vm.id));
    private final Map<String, Vm> live = new LinkedHashMap<>();
    /** Idle VMs in the order they became idle, so the first is the one idle longest. */
    private final Set<Vm> idle = new LinkedHashSet<>();
    private final int[] counts = new int[RunnerState.values().length];
    private final Series series = new Series();

    private long now;
    private long nextTick;
    private int arrived;
    /** Jobs before this one have had their queued delivery (webhook trigger only). */
    private int delivered;
    /** When the pass that queued deliveries asked for runs; {@link #NONE} while none is pending. */
    private long webhookPass = NONE;
    private long lastPass = NONE_YET;
    private int queueHead;
    /** Jobs before this one have had their {@link QueuedJob} made, if they were ever queued at a tick. */
    private int described;
    private int windowTail;
    private int completed;
    private int created;
    private int peak;
    private long vmMillis;
    private long idleMillis;
    private Optional<Instant> lastScalingAction = Optional.empty();

    Simulation(Workload work, ScalingPolicy policy, SimulationSettings settings) {
        this.work = work;
        this.policy = policy;
        this.settings = settings;
        this.interval = settings.interval().toMillis();
        this.window = settings.arrivalWindow().toMillis();
        this.webhooks = settings.trigger().webhooks();
        this.latency = settings.trigger().deliveryLatency().toMillis();
        this.random = new SplittableRandom(settings.seed());
        this.waits = new long[work.size()];
        this.queuedJobs = new QueuedJob[work.size()];
    }

    PolicyResult run() {
        int jobs = work.size();
        long limit = jobs == 0 ? 0 : work.arrival(jobs - 1) + settings.drainLimit().toMillis();
        // Same-instant order: VM events, arrivals, deliveries, then the pass, so it sees everything that happened by then.
        while (completed < jobs) {
            long vmAt = pending.isEmpty() ? NONE : pending.peek().eventAt;
            long arrivalAt = arrived < jobs ? work.arrival(arrived) : NONE;
            long deliveryAt = webhooks && delivered < jobs ? work.arrival(delivered) + latency : NONE;
            long at = Math.min(Math.min(nextTick, webhookPass), Math.min(Math.min(vmAt, arrivalAt), deliveryAt));
            if (at > limit) {
                now = limit;
                break;
            }
            now = at;
            if (vmAt == at) {
                vmEvent(pending.poll());
            } else if (arrivalAt == at) {
                arrive();
            } else if (deliveryAt == at) {
                deliver();
            } else {
                pass(at == nextTick);
            }
        }
        return result();
    }

    private void vmEvent(Vm vm) {
        if (vm.state == RunnerState.BUSY) {
            completed++;
            // The runner is gone with its job, but its VM, stopped and still billed, goes at the next pass, or with
            // webhooks when the completed delivery comes, if that is sooner.
            delete(vm, deletedAfterCompletion());
            return;
        }
        Vm old = vm.replaces;
        if (old != null) {
            vm.replaces = null;
            old.replacement = null;
            if (old.state == RunnerState.IDLE) {
                delete(old, now);
            }
        }
        if (queueHead < arrived) {
            startNextJob(vm);
        } else {
            move(vm, RunnerState.IDLE);
        }
    }

    private void arrive() {
        arrived++;
        if (!idle.isEmpty()) {
            startNextJob(idle.iterator().next());
        }
    }

    private void startNextJob(Vm vm) {
        int job = queueHead++;
        waits[job] = now - work.arrival(job);
        queuedJobs[job] = null;
        move(vm, RunnerState.BUSY);
        vm.eventAt = now + work.duration(job);
        pending.add(vm);
    }

    /** When a finished runner's VM is deleted: by the next pass, or by its completed delivery if that comes first. */
    private long deletedAfterCompletion() {
        long nextPass = webhookPass == NONE ? nextTick : Math.min(nextTick, webhookPass);
        return webhooks ? Math.min(nextPass, now + latency) : nextPass;
    }

    /** A queued delivery asks for a pass, or joins the one pending; passes keep the shortest interval apart. */
    private void deliver() {
        delivered++;
        if (webhookPass == NONE) {
            webhookPass = Math.max(now, lastPass + PASS_SPACING);
        }
    }

    /** Runs a pass; it serves every delivery so far, so a pending one is no longer needed. */
    private void pass(boolean periodic) {
        tick();
        if (periodic) {
            nextTick += interval;
        }
        webhookPass = NONE;
        lastPass = now;
    }

    private void tick() {
        series.add(now, arrived - queueHead, count(RunnerState.PROVISIONING), count(RunnerState.IDLE),
                count(RunnerState.BUSY));
        while (windowTail < arrived && work.arrival(windowTail) <= now - window) {
            windowTail++;
        }
        Instant at = Simulator.START.plusMillis(now);
        QueueMetrics demand = new QueueMetrics(queue(), count(RunnerState.BUSY),
                new ArrivalRate(arrived - windowTail, work.runs(windowTail, arrived), settings.arrivalWindow()), at);
        PoolState supply = new PoolState(runners(), lastScalingAction);
        ScalingDecision decision = policy.decide(demand, supply, settings.limits(), at);
        for (String name : decision.remove()) {
            delete(idleRunner(name, "remove"), now);
        }
        for (String name : decision.rotate()) {
            Vm old = idleRunner(name, "rotate");
            if (old.replacement == null) {
                old.replacement = create();
                old.replacement.replaces = old;
            }
        }
        for (int i = 0; i < decision.create(); i++) {
            create();
        }
        if (decision.changesPool()) {
            lastScalingAction = Optional.of(at);
        }
    }

    /**
     * The queue as policies see it. A long queue is the costly case (a pool too small for its trace), so each job's
     * {@link QueuedJob} is made once, and the list is a range copy that {@code List.of} wraps in a list the value
     * types' {@code List.copyOf} keeps as it is rather than copying again.
     */
    private List<QueuedJob> queue() {
        for (described = Math.max(described, queueHead); described < arrived; described++) {
            queuedJobs[described] = new QueuedJob(described, Simulator.START.plusMillis(work.arrival(described)));
        }
        return List.of(Arrays.copyOfRange(queuedJobs, queueHead, arrived));
    }

    private List<Runner> runners() {
        Runner[] runners = new Runner[live.size()];
        int i = 0;
        for (Vm vm : live.values()) {
            runners[i++] = vm.runner();
        }
        return List.of(runners);
    }

    private Vm idleRunner(String name, String verb) {
        Vm vm = live.get(name);
        if (vm == null) {
            throw new IllegalStateException(
                    "policy " + policy.name() + " asked to " + verb + " runner " + name + ", which the pool lacks");
        }
        if (vm.state != RunnerState.IDLE) {
            throw new IllegalStateException("policy " + policy.name() + " asked to " + verb + " runner " + name
                    + ", which is " + vm.state + ": policies may " + verb + " idle runners only");
        }
        return vm;
    }

    private Vm create() {
        Vm vm = new Vm(created++, now);
        counts[RunnerState.PROVISIONING.ordinal()]++;
        live.put(vm.name, vm);
        peak = Math.max(peak, live.size());
        vm.eventAt = now + settings.boot().sampleMillis(random);
        pending.add(vm);
        return vm;
    }

    /** Deletes {@code vm} now, and bills it until {@code billedUntil}. */
    private void delete(Vm vm, long billedUntil) {
        move(vm, null);
        live.remove(vm.name);
        vmMillis += billedUntil - vm.createdAt;
    }

    /** Moves {@code vm} to state {@code next} (null: deleted), keeping the counts, the idle set and idle time. */
    private void move(Vm vm, RunnerState next) {
        if (vm.state == RunnerState.IDLE) {
            idle.remove(vm);
            idleMillis += now - vm.since;
        }
        counts[vm.state.ordinal()]--;
        vm.enter(next, now);
        if (next != null) {
            counts[next.ordinal()]++;
            if (next == RunnerState.IDLE) {
                idle.add(vm);
            }
        }
    }

    private int count(RunnerState state) {
        return counts[state.ordinal()];
    }

    private PolicyResult result() {
        for (Vm vm : List.copyOf(live.values())) {
            delete(vm, now);
        }
        int jobs = work.size();
        for (int job = queueHead; job < jobs; job++) {
            waits[job] = now - work.arrival(job);
        }
        Arrays.sort(waits);
        return new PolicyResult(policy.name(), jobs, queueHead, jobs - queueHead,
                Duration.ofMillis(NearestRank.of(waits, 50)), Duration.ofMillis(NearestRank.of(waits, 95)),
                Duration.ofMillis(NearestRank.of(waits, 100)), vmMillis / 60_000.0, idleMillis / 60_000.0, peak,
                created, series.points());
    }
}
