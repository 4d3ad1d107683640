package dev.fleet.lifecycle.plan;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.autoscaler.PoolState;
import dev.fleet.autoscaler.Runner;
import dev.fleet.autoscaler.RunnerState;
import dev.fleet.autoscaler.ScalingDecision;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.PoolRunners;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.PlannedAction.Hold;
import dev.fleet.lifecycle.plan.PoolMember.Bootstrapping;
import dev.fleet.queue.PoolQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides everything a pass does to one pool, from one observation of it: the garbage to collect (finished, failed,
 * never registered, offline too long, dead installs, orphan registrations), the runners that leave a scope the pool
 * no longer registers in, and then the scaling policy's decision, or the drain of a disabled pool. Pure: it reads
 * nothing but its arguments, so the same observation gives the same plan, in whatever order Azure and GitHub listed
 * things.
 *
 * <p>Only the pool's own are ever in a plan: VMs by their exact {@code fleet-pool} tag, registrations as
 * {@link PoolRunners} tells them. A busy runner is never removed, but by a forced drain; a runner that reads idle is
 * removed for idleness only when {@link IdleCheck} believes it.
 */
public final class Planner {
    private static final Comparator<VmInfo> VM_ORDER = Comparator.comparing(VmInfo::name)
            .thenComparing(VmInfo::resourceGroup, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(VmInfo::scope, Comparator.nullsFirst(Comparator.naturalOrder()));

    private Planner() {
    }

    /** The scopes whose runners a plan looks at: where the pool registers now, and where any of its VMs registered. */
    public static Set<RunnerScope> scopes(List<VmInfo> vms, PoolSettings pool) {
        return byScope(vms, pool).keySet();
    }

    /**
     * Whether a plan weighs the pool's queue: an enabled pool's policy does; a drain only while a runner it would
     * remove reads idle, since a job that names the runner keeps it. A forced drain keeps none, but runners leaving
     * an old scope are never forced.
     */
    public static boolean needsQueue(PoolObservation seen, PoolSettings pool, Instant now) {
        return needsQueue(members(seen, pool, now), pool);
    }

    private static boolean needsQueue(Map<RunnerScope, List<Classified>> members, PoolSettings pool) {
        return pool.enabled() || members.entrySet().stream()
                .filter(scope -> !pool.forceDrain() || !scope.getKey().equals(pool.scope()))
                .flatMap(scope -> scope.getValue().stream())
                .anyMatch(IdleCheck::readsIdle);
    }

    public static PoolPlan plan(PoolObservation seen, PoolSettings pool, Instant now) {
        Map<RunnerScope, List<Classified>> byScope = members(seen, pool, now);
        List<Classified> here = byScope.getOrDefault(pool.scope(), List.of());
        List<Classified> all = byScope.values().stream().flatMap(List::stream).toList();
        Map<String, Instant> onlineSince = IdleCheck.onlineSince(seen.onlineSince(), all, now);
        if (seen.queue().isEmpty() && needsQueue(byScope, pool)) {
            throw new IllegalArgumentException("pool " + pool.name() + " needs its queue read to be planned");
        }
        IdleCheck idle = new IdleCheck(seen.queue().map(PoolQueue::runnerJobs).orElse(Map.of()), onlineSince,
                pool.timing().idleConfirmation(), now);
        List<PlannedAction> actions = new ArrayList<>();
        here.stream().filter(Classified::garbage).forEach(member -> actions.add(new PlannedAction.Remove(
                member.member().vm().isEmpty() && member.member().runner().isPresent()
                        ? ActionKind.REMOVE_REGISTRATION
                        : ActionKind.REAP_VM,
                member.member(), pool.scope(), member.state() + ": " + member.reason())));
        byScope.forEach((scope, members) -> {
            if (!scope.equals(pool.scope())) {
                actions.addAll(drain(members, scope, "the pool registers in " + pool.scope() + " now, this runner in "
                        + scope, false, idle));
            }
        });
        List<Classified> kept = here.stream().filter(member -> !member.garbage()).toList();
        Optional<ScalingDecision> decision = Optional.empty();
        boolean startsCooldown = false;
        if (pool.enabled()) {
            ScalingDecision decided = pool.policy().decide(seen.queue().orElseThrow().demand(),
                    new PoolState(supply(kept, now), seen.lastScalingAction()), pool.limits(), now);
            List<PlannedAction> scaling = scale(decided, kept, pool, idle);
            decision = Optional.of(decided);
            startsCooldown = scaling.stream().anyMatch(action -> !(action instanceof Hold));
            actions.addAll(scaling);
        } else {
            actions.addAll(drain(kept, pool.scope(), "pool disabled", pool.forceDrain(), idle));
        }
        Set<String> deadInstalls = seen.installs().entrySet().stream()
                .filter(install -> install.getValue() == Bootstrapping.DEAD_PROCESS)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        return new PoolPlan(pool.name(), all, decision, seen.queue(), actions, onlineSince,
                !onlineSince.equals(seen.onlineSince()), startsCooldown, deadInstalls);
    }

    /** The VMs of the pool by the scope their runners registered in, the pool's own scope first. */
    private static Map<RunnerScope, List<VmInfo>> byScope(List<VmInfo> vms, PoolSettings pool) {
        Map<RunnerScope, List<VmInfo>> byScope = new LinkedHashMap<>();
        byScope.put(pool.scope(), new ArrayList<>());
        // GitHub names are not case-sensitive: octo/old and OCTO/old are one scope, and one runner in it.
        Map<String, List<VmInfo>> elsewhere = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        vms.stream()
                .filter(vm -> pool.name().equals(vm.pool()))
                .sorted(VM_ORDER)
                .forEach(vm -> {
                    if (registeredHere(vm, pool)) {
                        byScope.get(pool.scope()).add(vm);
                    } else {
                        elsewhere.computeIfAbsent(vm.scope(), scope -> new ArrayList<>()).add(vm);
                    }
                });
        elsewhere.forEach((scope, listed) -> byScope.put(RunnerScope.parse(scope), listed));
        return byScope;
    }

    /** A VM without a scope tag was made before fleet tagged scopes, and registered where the pool does. */
    private static boolean registeredHere(VmInfo vm, PoolSettings pool) {
        return vm.scope() == null || vm.scope().equalsIgnoreCase(pool.scope().toString());
    }

    private static Map<RunnerScope, List<Classified>> members(PoolObservation seen, PoolSettings pool, Instant now) {
        Map<RunnerScope, Listed> byScope = new LinkedHashMap<>();
        byScope(seen.vms(), pool).forEach((scope, vms) -> byScope.put(scope,
                Listed.of(pool.name(), vms, seen.runnersIn(scope))));
        Set<String> elsewhere = byScope.entrySet().stream()
                .filter(scope -> !scope.getKey().equals(pool.scope()))
                .flatMap(scope -> scope.getValue().names().stream())
                .collect(Collectors.toSet());
        Classifier classifier = new Classifier(pool.timing());
        Map<RunnerScope, List<Classified>> members = new LinkedHashMap<>();
        byScope.forEach((scope, listed) -> {
            boolean here = scope.equals(pool.scope());
            Map<String, Bootstrapping> installs = seen.installs().entrySet().stream()
                    .filter(install -> install.getValue() == Bootstrapping.DEAD_PROCESS
                            ? listed.names().contains(install.getKey())
                                    || here && !elsewhere.contains(install.getKey())
                            : here)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            members.put(scope, listed.classify(classifier, installs, now));
        });
        return members;
    }

    /**
     * The pool's VMs and registrations in one scope, by name. A live process's install record is the pool's scope's,
     * where new VMs register. A dead one's goes with the VM or runner of its name, wherever that registered: in a
     * scope the pool has since left, the record must not make the name look unfinished where the pool registers now,
     * and have the VM reaped whose runner runs a job in the old scope.
     */
    private record Listed(Map<String, VmInfo> vms, Map<String, RunnerInfo> registered) {

        static Listed of(String pool, List<VmInfo> listed, List<RunnerInfo> runners) {
            Map<String, VmInfo> vms = listed.stream()
                    .collect(Collectors.toMap(VmInfo::name, Function.identity(), (first, second) -> first));
            Map<String, RunnerInfo> registered = runners.stream()
                    .filter(runner -> PoolRunners.owns(pool, runner, vms.keySet()))
                    .sorted(Comparator.comparing(RunnerInfo::name).thenComparingLong(RunnerInfo::id))
                    .collect(Collectors.toMap(RunnerInfo::name, Function.identity(), (first, second) -> first));
            return new Listed(vms, registered);
        }

        Set<String> names() {
            Set<String> names = new TreeSet<>(vms.keySet());
            names.addAll(registered.keySet());
            return names;
        }

        List<Classified> classify(Classifier classifier, Map<String, Bootstrapping> installs, Instant now) {
            Set<String> names = names();
            names.addAll(installs.keySet());
            return names.stream()
                    .map(name -> new PoolMember(name, Optional.ofNullable(vms.get(name)),
                            Optional.ofNullable(registered.get(name)), installs.getOrDefault(name, Bootstrapping.NONE)))
                    .flatMap(member -> classifier.classify(member, now).stream())
                    .toList();
        }
    }

    private static List<PlannedAction> scale(ScalingDecision decided, List<Classified> kept, PoolSettings pool,
                                             IdleCheck idle) {
        Map<String, Classified> byName = kept.stream().collect(Collectors.toMap(Classified::name, Function.identity()));
        List<PlannedAction> actions = new ArrayList<>();
        decided.remove().forEach(name -> actions.add(unlessDoubted(ActionKind.REMOVE, byName.get(name),
                "not needed: " + decided.reason(), idle, reason -> new PlannedAction.Remove(ActionKind.REMOVE,
                        byName.get(name).member(), pool.scope(), reason))));
        if (decided.create() > 0) {
            actions.add(new PlannedAction.Create(decided.create(), decided.reason()));
        }
        decided.rotate().forEach(name -> actions.add(unlessDoubted(ActionKind.ROTATE, byName.get(name),
                "older than " + DurationText.format(pool.limits().maxAge()), idle,
                reason -> new PlannedAction.Rotate(byName.get(name).member(), reason))));
        return actions;
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
    private static List<PlannedAction> drain(List<Classified> members, RunnerScope scope, String why, boolean force,
                                             IdleCheck idle) {
        List<PlannedAction> actions = new ArrayList<>();
        for (Classified member : members) {
            PoolMember seen = member.member();
            if (member.state() == RunnerClass.BUSY) {
                actions.add(force
                        ? new PlannedAction.ForceRemove(seen, scope, why + "; --force removes busy runners too")
                        : new Hold(ActionKind.DRAIN, member.name(), why + "; running a job", Hold.Why.BUSY,
                                "left to finish its job"));
            } else if (seen.vm().isPresent() || seen.runner().isPresent()) {
                ActionKind kind = seen.vm().isPresent() ? ActionKind.REMOVE : ActionKind.REMOVE_REGISTRATION;
                Function<String, PlannedAction> remove = reason -> new PlannedAction.Remove(kind, seen, scope, reason);
                actions.add(force ? remove.apply(why) : unlessDoubted(kind, member, why, idle, remove));
            }
        }
        return actions;
    }

    /** Removes a runner for idleness, unless it may not be idle after all: then it stays, and the plan says why. */
    private static PlannedAction unlessDoubted(ActionKind kind, Classified member, String reason, IdleCheck idle,
                                               Function<String, PlannedAction> action) {
        return idle.doubt(member)
                .<PlannedAction>map(doubt -> new Hold(kind, member.name(), reason, Hold.Why.IN_DOUBT, doubt))
                .orElseGet(() -> action.apply(reason));
    }
}
