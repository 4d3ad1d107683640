package dev.fleet.lifecycle.reconcile;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.autoscaler.PoolState;
import dev.fleet.autoscaler.Runner;
import dev.fleet.autoscaler.RunnerState;
import dev.fleet.autoscaler.ScalingConfig;
import dev.fleet.autoscaler.ScalingDecision;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.PoolContext;
import dev.fleet.lifecycle.PoolRunners;
import dev.fleet.lifecycle.ProvisionListener;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.reconcile.ActionResult.Kind;
import dev.fleet.lifecycle.reconcile.PoolMember.Bootstrapping;
import dev.fleet.lifecycle.reconcile.PoolReport.Status;
import dev.fleet.queue.PoolQueue;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.MDC;

/**
 * One pool's part of a pass: observe the pool afresh, collect its garbage, then scale it (or drain it when it is
 * disabled). Used once; it gathers the report as it goes, so a pass that fails half way still tells what it did.
 */
final class PoolPass {
    private static final Logger LOG = LoggerFactory.getLogger(PoolPass.class);

    private final Wiring wiring;
    private final String passId;
    private final FleetConfig config;
    private final PoolConfig pool;
    private final ReconcileRequest request;
    private final ReconcileListener listener;

    private final List<RunnerView> runners = new ArrayList<>();
    private final List<ActionResult> actions = new ArrayList<>();
    private Optional<ScalingDecision> decision = Optional.empty();
    private QueueSummary queue = QueueSummary.NOT_LOOKED_AT;
    private PoolQueue queueRead;

    PoolPass(Wiring wiring, String passId, FleetConfig config, PoolConfig pool, ReconcileRequest request,
             ReconcileListener listener) {
        this.wiring = wiring;
        this.passId = passId;
        this.config = config;
        this.pool = pool;
        this.request = request;
        this.listener = listener;
    }

    PoolReport run() {
        MDC.put("pass", passId);
        MDC.put("pool", pool.name());
        try {
            tell(() -> listener.poolStarted(pool.name()));
            PoolReport report = request.dryRun() ? attempt(Status.DRY_RUN) : underLock();
            if (report.ok()) {
                LOG.atLevel(request.dryRun() ? Level.DEBUG : Level.INFO).log("pool {}: {}", pool.name(),
                        report.summary());
            } else {
                LOG.warn("pool {}: {}", pool.name(), report.summary());
            }
            tell(() -> listener.poolFinished(report));
            return report;
        } finally {
            MDC.remove("pass");
            MDC.remove("pool");
        }
    }

    /** A progress display that fails must not fail the pool, nor lose the report of one reconciled already. */
    private static void tell(Runnable news) {
        try {
            news.run();
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed: {}", FailureLine.of(e));
        }
    }

    private PoolReport underLock() {
        PoolLock lock;
        try {
            lock = wiring.state().lock(pool.name(), request.lockWait());
        } catch (PoolLockedException e) {
            return report(Status.LOCKED, List.of(e.getMessage()));
        } catch (UncheckedIOException e) {
            // The pool's own report says it; the other pools' passes go on.
            return report(Status.FAILED, List.of(FailureLine.oneLine(e.getMessage())));
        }
        try (lock) {
            PoolReport report = attempt(Status.RECONCILED);
            try {
                wiring.state().recordPass(pool.name(), PassSummary.of(passId, wiring.clock().instant(), report));
            } catch (RuntimeException e) {
                LOG.warn("pass not recorded for status: {}", FailureLine.of(e));
            }
            return report;
        }
    }

    private PoolReport attempt(Status done) {
        try {
            reconcile();
            return report(done, List.of());
        } catch (RuntimeException e) {
            LOG.debug("pool {} failed", pool.name(), e);
            return report(Status.FAILED, List.of(FailureLine.of(e)));
        }
    }

    private PoolReport report(Status status, List<String> errors) {
        return new PoolReport(pool.name(), status, decision, queue, runners, actions, errors);
    }

    private void reconcile() {
        PoolContext context = PoolContext.of(config, pool);
        PoolActions act = new PoolActions(wiring, context, request.dryRun(),
                new BootstrapTracker(wiring.state(), pool.name(), listener));
        Instant now = wiring.clock().instant();
        Map<String, Bootstrapping> installs = wiring.state().bootstrapping(pool.name()).stream()
                .collect(Collectors.toMap(BootstrapRecord::vmName, this::bootstrapping));
        Map<String, List<VmInfo>> byScope = wiring.vms().list(pool.name()).stream().collect(Collectors.groupingBy(
                vm -> registeredHere(vm, context) ? context.scope().toString() : vm.scope(), TreeMap::new,
                Collectors.toList()));
        List<Classified> members = observe(context, byScope.getOrDefault(context.scope().toString(), List.of()),
                installs, now);
        members.forEach(member -> runners.add(member.view(now)));
        Map<PoolContext, List<Classified>> elsewhere = new LinkedHashMap<>();
        byScope.forEach((scope, vms) -> {
            if (!scope.equals(context.scope().toString())) {
                PoolContext old = context.registeredIn(scope);
                elsewhere.put(old, observe(old, vms, Map.of(), now));
            }
        });
        elsewhere.values().forEach(left -> left.forEach(member -> runners.add(member.view(now))));

        members.stream().filter(Classified::garbage).forEach(member -> actions.add(act.remove(
                member.member().vm().isEmpty() && member.member().runner().isPresent()
                        ? Kind.REMOVE_REGISTRATION
                        : Kind.REAP_VM, member,
                member.state() + ": " + member.reason())));
        if (!request.dryRun()) {
            forget(installs);
        }
        List<Classified> kept = members.stream().filter(member -> !member.garbage()).toList();
        Map<String, Instant> onlineSince = onlineSince(Stream.concat(members.stream(),
                elsewhere.values().stream().flatMap(List::stream)).toList(), now);
        elsewhere.forEach((old, left) -> leave(old, left, onlineSince, now));
        if (pool.enabled()) {
            scale(kept, act, onlineSince, now);
        } else {
            drain(kept, act, "pool disabled", request.force(), onlineSince, now);
        }
    }

    /** When each runner online now was first seen online; a pass that is not a dry run records it for the next. */
    private Map<String, Instant> onlineSince(List<Classified> members, Instant now) {
        Map<String, Instant> recorded = wiring.state().onlineSince(pool.name());
        Map<String, Instant> seen = IdleCheck.onlineSince(recorded, members, now);
        if (!request.dryRun() && !seen.equals(recorded)) {
            wiring.state().recordOnlineSince(pool.name(), seen);
        }
        return seen;
    }

    private IdleCheck idleCheck(Map<String, Long> runnerJobs, Map<String, Instant> onlineSince, Instant now) {
        return new IdleCheck(runnerJobs, onlineSince, wiring.settings().idleConfirmation(), now);
    }

    /**
     * The pool's queue, read once a pass: the drain of VMs left in an old scope and the scaling of the pool both ask
     * for it, and the answer is the same.
     */
    private PoolQueue readQueue(Instant now) {
        if (queueRead == null) {
            queueRead = wiring.queue().read(pool, now);
            queue = new QueueSummary(queueRead.demand().queued(), queueRead.demand().inProgress());
        }
        return queueRead;
    }

    /** A VM without a scope tag was made before fleet tagged scopes, and registered where the pool does. */
    private static boolean registeredHere(VmInfo vm, PoolContext context) {
        return vm.scope() == null || vm.scope().equalsIgnoreCase(context.scope().toString());
    }

    /**
     * The pool's VMs whose runners registered where the pool did before its repository or organization was changed:
     * a pass of the pool now looks at runners elsewhere and would take them for runnerless. They leave as a disabled
     * pool's do, from where they registered; a busy one first finishes its job.
     */
    private void leave(PoolContext old, List<Classified> members, Map<String, Instant> onlineSince, Instant now) {
        drain(members, new PoolActions(wiring, old, request.dryRun(), ProvisionListener.NONE),
                "the pool registers in " + PoolContext.of(config, pool).scope() + " now, this runner in "
                        + old.scope(), false, onlineSince, now);
    }

    private List<Classified> observe(PoolContext context, List<VmInfo> listed, Map<String, Bootstrapping> bootstrapping,
                                     Instant now) {
        Map<String, VmInfo> vms = listed.stream()
                .collect(Collectors.toMap(VmInfo::name, Function.identity(), (first, second) -> first));
        Map<String, RunnerInfo> registered = wiring.github().listRunners(context.scope()).stream()
                .filter(runner -> PoolRunners.owns(pool.name(), runner, vms.keySet()))
                .collect(Collectors.toMap(RunnerInfo::name, Function.identity(), (first, second) -> first));
        Set<String> names = new TreeSet<>(vms.keySet());
        names.addAll(registered.keySet());
        names.addAll(bootstrapping.keySet());
        Classifier classifier = new Classifier(wiring.settings());
        return names.stream()
                .map(name -> new PoolMember(name, Optional.ofNullable(vms.get(name)),
                        Optional.ofNullable(registered.get(name)),
                        bootstrapping.getOrDefault(name, Bootstrapping.NONE)))
                .flatMap(member -> classifier.classify(member, now).stream())
                .toList();
    }

    /*
     * An install is under way while the process that recorded it runs, even for a pass holding the lock: a lock file
     * deleted under a running pass (a state folder wiped by hand) lets a second process lock a new one while the first
     * still installs. Only this process's own record is surely stale to a pass holding the lock: this process
     * reconciles a pool one pass at a time, so an earlier pass of it left the record behind.
     */
    private Bootstrapping bootstrapping(BootstrapRecord record) {
        boolean ownStale = !request.dryRun() && record.writtenBy(FleetProcess.current());
        return record.ownerAlive() && !ownStale ? Bootstrapping.LIVE_PROCESS : Bootstrapping.DEAD_PROCESS;
    }

    /** A dead process's records, once what they marked is gone; one whose VM would not go waits for the next pass. */
    private void forget(Map<String, Bootstrapping> installs) {
        Set<String> failed = actions.stream()
                .filter(action -> action.result() == ActionResult.Result.FAILED)
                .map(ActionResult::target)
                .collect(Collectors.toSet());
        installs.forEach((name, install) -> {
            if (install == Bootstrapping.DEAD_PROCESS && !failed.contains(name)) {
                wiring.state().clearBootstrapping(pool.name(), name);
            }
        });
    }

    private void scale(List<Classified> kept, PoolActions act, Map<String, Instant> onlineSince, Instant now) {
        PoolQueue read = readQueue(now);
        ScalingConfig limits = limits();
        PoolState supply = new PoolState(supply(kept, now), wiring.state().lastScalingAction(pool.name()));
        ScalingDecision decided = pool.scaling().scalingPolicy().decide(read.demand(), supply, limits, now);
        decision = Optional.of(decided);
        IdleCheck idle = idleCheck(read.runnerJobs(), onlineSince, now);
        Map<String, Classified> byName = kept.stream().collect(Collectors.toMap(Classified::name, Function.identity()));
        if (changesPool(decided, byName, idle) && !request.dryRun()) {
            // Before acting: a pass killed while provisioning has still started the cooldown.
            wiring.state().recordScalingAction(pool.name(), now);
        }
        decided.remove().forEach(name -> actions.add(act.removeIdle(Kind.REMOVE, byName.get(name),
                "not needed: " + decided.reason(), idle)));
        if (decided.create() > 0) {
            actions.addAll(act.create(decided.create(), decided.reason()));
        }
        decided.rotate().forEach(name -> actions.add(act.rotate(byName.get(name),
                "older than " + DurationText.format(limits.maxAge()), idle)));
    }

    /** Whether acting on the decision changes the pool, which starts a cooldown: not when it only keeps runners. */
    private static boolean changesPool(ScalingDecision decided, Map<String, Classified> byName, IdleCheck idle) {
        return decided.create() > 0 || Stream.concat(decided.remove().stream(), decided.rotate().stream())
                .anyMatch(name -> idle.doubt(byName.get(name)).isEmpty());
    }

    /** The pool's limits; a manual size pins it there, however the queue goes. */
    private ScalingConfig limits() {
        ScalingConfig limits = pool.scaling().toScalingConfig();
        return pool.manualSize() == null ? limits : limits.withLimits(pool.manualSize(), pool.manualSize());
    }

    /**
     * The runners that hold or will hold a VM. An ephemeral runner takes one job and is then gone, so an idle one has
     * never run a job: it has been idle since its VM was made, near enough, and a busy one busy since then for all
     * the policies care.
     */
    private static List<Runner> supply(List<Classified> kept, Instant now) {
        List<Runner> supply = new ArrayList<>();
        for (Classified member : kept) {
            Optional<RunnerState> state = switch (member.state()) {
                case PROVISIONING -> Optional.of(RunnerState.PROVISIONING);
                case IDLE -> Optional.of(RunnerState.IDLE);
                case BUSY -> Optional.of(RunnerState.BUSY);
                default -> Optional.empty();
            };
            Instant created = member.createdOr(now);
            state.ifPresent(s -> supply.add(new Runner(member.name(), s, created, created)));
        }
        return supply;
    }

    /**
     * Everything goes but busy runners, which finish their jobs first unless forced; and, unless forced, runners that
     * may have just been given a job.
     */
    private void drain(List<Classified> members, PoolActions act, String why, boolean force,
                       Map<String, Instant> onlineSince, Instant now) {
        Optional<IdleCheck> idle = force ? Optional.empty() : Optional.of(idleCheck(
                members.stream().anyMatch(IdleCheck::readsIdle) ? readQueue(now).runnerJobs() : Map.of(), onlineSince,
                now));
        for (Classified member : members) {
            PoolMember seen = member.member();
            if (member.state() == RunnerClass.BUSY) {
                actions.add(force
                        ? act.forceRemove(member, why + "; --force removes busy runners too")
                        : act.drain(member, why + "; running a job"));
            } else if (seen.vm().isPresent() || seen.runner().isPresent()) {
                Kind kind = seen.vm().isPresent() ? Kind.REMOVE : Kind.REMOVE_REGISTRATION;
                actions.add(idle.map(check -> act.removeIdle(kind, member, why, check))
                        .orElseGet(() -> act.remove(kind, member, why)));
            }
        }
    }
}
