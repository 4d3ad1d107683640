package dev.fleet.lifecycle.plan;

import static dev.fleet.lifecycle.plan.PoolScene.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.autoscaler.FleetPolicy;
import dev.fleet.autoscaler.ScalingConfig;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.PoolRunners;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.PlannedAction.Create;
import dev.fleet.lifecycle.plan.PlannedAction.ForceRemove;
import dev.fleet.lifecycle.plan.PlannedAction.Hold;
import dev.fleet.lifecycle.plan.PlannedAction.Remove;
import dev.fleet.lifecycle.plan.PlannedAction.Rotate;
import dev.fleet.lifecycle.plan.PoolMember.Bootstrapping;
import dev.fleet.queue.PoolQueue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * What every plan keeps to, over generated observations of a pool ({@link PoolScene}): busy runners stay, but for a
 * forced drain; nothing but the pool's own is touched; the pool stays within its max; and the plan depends on what
 * was observed, not on the order it was listed in.
 */
class PlannerProperties {
    private static final Set<RunnerClass> SUPPLY = EnumSet.of(RunnerClass.PROVISIONING, RunnerClass.IDLE,
            RunnerClass.BUSY);

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void removesOrRotatesNoBusyRunnerButByTheForcedDrainOfADisabledPool(@ForAll("scenes") PoolScene scene) {
        PoolSettings settings = scene.settings();
        PoolObservation seen = scene.observation();
        Set<String> busy = seen.runners().values().stream()
                .flatMap(List::stream)
                .filter(runner -> runner.busy() && PoolRunners.owns(scene.pool(), runner, scene.poolVmNames()))
                .map(RunnerInfo::name)
                .collect(Collectors.toSet());

        PoolPlan plan = Planner.plan(seen, settings, NOW);

        for (PlannedAction action : plan.actions()) {
            if (action instanceof Remove || action instanceof Rotate) {
                assertThat(busy).as("%s removes a busy runner", action).doesNotContain(action.target());
            }
            if (action instanceof ForceRemove force) {
                assertThat(!settings.enabled() && settings.forceDrain()).as("%s without a forced drain", action)
                        .isTrue();
                assertThat(force.scope()).as("%s leaving an old scope", action).isEqualTo(settings.scope());
            }
        }
        Statistics.label("removes or rotates").collect(plan.actions().stream()
                .anyMatch(action -> action instanceof Remove || action instanceof Rotate));
        Statistics.label("forces").collect(plan.actions().stream().anyMatch(ForceRemove.class::isInstance));
        Statistics.label("forces").coverage(coverage -> coverage.check(true).percentage(share -> share >= 1));
    }

    /**
     * What the property above first found: a fleet process died before it struck off a VM it had made, and the pool
     * has since moved to another scope. The record must not make the VM look unfinished where the pool registers now,
     * and have it reaped, while its runner runs a job in the old scope.
     */
    @Example
    void aDeadProcesssRecordReapsNoVmWhoseRunnerRunsAJobInAScopeThePoolLeft() {
        VmInfo vm = new VmInfo("fleet-ci-x0000000", "ci", "rg-fleet", VmInfo.PowerState.RUNNING,
                VmInfo.ProvisioningState.SUCCEEDED, NOW.minusSeconds(3_600), PoolScene.OLD_REPO.toString());
        RunnerInfo busy = new RunnerInfo(1, vm.name(), RunnerInfo.Status.ONLINE, true, true,
                List.of("self-hosted", PoolRunners.label("ci")));
        PoolObservation seen = new PoolObservation(List.of(vm), Map.of(PoolScene.HERE, List.of(),
                PoolScene.OLD_REPO, List.of(busy)), Map.of(vm.name(), Bootstrapping.DEAD_PROCESS), Optional.empty(),
                Map.of(), Optional.empty());
        PoolSettings disabled = new PoolSettings("ci", PoolScene.HERE, false, false, new FleetPolicy(),
                ScalingConfig.DEFAULTS, ReconcileSettings.DEFAULTS);

        PoolPlan plan = Planner.plan(seen, disabled, NOW);

        assertThat(plan.actions()).singleElement().isInstanceOf(Hold.class)
                .extracting(PlannedAction::target).isEqualTo(vm.name());
        assertThat(plan.deadInstalls()).containsExactly(vm.name());
    }

    /** GitHub tells no case in a scope's name: VMs tagged {@code octo/old} and {@code OCTO/old} left one scope. */
    @Example
    void vmsWhoseScopeTagsDifferOnlyInCaseLeaveOneScopeWithOneActionARunner() {
        VmInfo lower = new VmInfo("fleet-ci-a0000000", "ci", "rg-fleet", VmInfo.PowerState.RUNNING,
                VmInfo.ProvisioningState.SUCCEEDED, NOW.minusSeconds(3_600), "octo/old");
        VmInfo upper = new VmInfo("fleet-ci-b0000000", "ci", "rg-fleet", VmInfo.PowerState.RUNNING,
                VmInfo.ProvisioningState.SUCCEEDED, NOW.minusSeconds(3_600), "OCTO/old");
        List<RunnerInfo> old = List.of(lower, upper).stream().map(vm -> new RunnerInfo(vm.name().hashCode(),
                vm.name(), RunnerInfo.Status.OFFLINE, false, true, List.of("self-hosted", PoolRunners.label("ci"))))
                .toList();
        PoolSettings disabled = new PoolSettings("ci", PoolScene.HERE, false, false, new FleetPolicy(),
                ScalingConfig.DEFAULTS, ReconcileSettings.DEFAULTS);
        PoolObservation listed = new PoolObservation(List.of(upper, lower), Map.of(), Map.of(), Optional.empty(),
                Map.of(), Optional.empty());

        assertThat(Planner.scopes(listed.vms(), disabled)).containsExactly(PoolScene.HERE,
                RunnerScope.repository("octo/old"));
        PoolPlan plan = Planner.plan(new PoolObservation(listed.vms(), Map.of(PoolScene.HERE, List.of(),
                RunnerScope.repository("octo/old"), old), Map.of(), Optional.empty(), Map.of(), Optional.empty()),
                disabled, NOW);

        assertThat(plan.actions()).extracting(PlannedAction::target)
                .containsExactly("fleet-ci-a0000000", "fleet-ci-b0000000");
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void touchesNothingButThePoolsTaggedVmsItsOwnRegistrationsAndWhatItsDeadInstallsLeft(
            @ForAll("scenes") PoolScene scene) {
        PoolSettings settings = scene.settings();
        PoolObservation seen = scene.observation();
        Set<String> vmNames = scene.poolVmNames();

        PoolPlan plan = Planner.plan(seen, settings, NOW);

        for (PlannedAction action : plan.actions()) {
            Optional<PoolMember> member = target(action);
            if (member.isEmpty()) {
                continue;
            }
            RunnerScope scope = action instanceof Remove remove ? remove.scope()
                    : action instanceof ForceRemove force ? force.scope()
                    : settings.scope();
            PoolMember touched = member.get();
            touched.vm().ifPresent(vm -> {
                assertThat(vm.pool()).as("%s: the VM's pool tag", action).isEqualTo(scene.pool());
                assertThat(seen.vms()).as("%s: a VM Azure listed", action).contains(vm);
            });
            touched.runner().ifPresent(runner -> {
                assertThat(PoolRunners.owns(scene.pool(), runner, vmNames)).as("%s: the pool's registration", action)
                        .isTrue();
                assertThat(seen.runnersIn(scope)).as("%s: listed where it is removed", action).contains(runner);
            });
            if (touched.vm().isEmpty() && touched.runner().isEmpty()) {
                assertThat(scene.installs().get(touched.name())).as("%s: a dead process's VM", action)
                        .isEqualTo(Bootstrapping.DEAD_PROCESS);
            }
        }
        Statistics.label("touches a stranger's look-alike or another pool's").collect(scene.registrations().stream()
                .anyMatch(registration -> !PoolRunners.owns(scene.pool(), registration.runner(), vmNames))
                || scene.vms().stream().anyMatch(vm -> !scene.pool().equals(vm.pool())));
    }

    /**
     * The runners that hold or will hold a VM where the pool registers, less those the plan removes, and the ones it
     * creates and the replacements it makes for rotated ones, stay within max (a manual size pins it). A pool that busy
     * runners alone put over max gets nothing new. A disabled pool creates nothing.
     */
    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void keepsThePoolWithinItsMaxOrItsManualSize(@ForAll("scenes") PoolScene scene) {
        PoolSettings settings = scene.settings();

        PoolPlan plan = Planner.plan(scene.observation(), settings, NOW);

        Set<String> kept = plan.members().stream()
                .filter(member -> !member.garbage() && SUPPLY.contains(member.state()) && inPoolScope(scene, member))
                .map(Classified::name)
                .collect(Collectors.toSet());
        long removed = plan.actions().stream()
                .filter(action -> action instanceof Remove && kept.contains(action.target()))
                .count();
        int created = plan.actions().stream()
                .filter(Create.class::isInstance)
                .mapToInt(action -> ((Create) action).count())
                .sum();
        long rotated = plan.actions().stream().filter(Rotate.class::isInstance).count();
        if (!settings.enabled()) {
            assertThat(created + rotated).as("a disabled pool's new runners").isZero();
            return;
        }
        assertThat(plan.decision().orElseThrow().current()).as("the runners the policy counted").isEqualTo(kept.size());
        if (kept.size() <= scene.max()) {
            assertThat(kept.size() - removed + created + rotated).as("runners once the plan is carried out, of %s",
                    kept).isLessThanOrEqualTo(scene.max());
        } else {
            assertThat(created + rotated).as("new runners of a pool over max").isZero();
        }
        Statistics.label("creates up to max").collect(created > 0 && kept.size() + created == scene.max());
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void plansTheSameWhateverOrderAzureAndGitHubListedThingsIn(@ForAll("scenes") PoolScene scene,
                                                              @ForAll Random random) {
        PoolObservation seen = scene.observation();
        PoolObservation shuffled = new PoolObservation(shuffled(seen.vms(), random),
                shuffled(seen.runners(), random, runners -> shuffled(runners, random)),
                shuffled(seen.installs(), random, UnaryOperator.identity()),
                seen.queue().map(queue -> new PoolQueue(queue.demand(),
                        shuffled(queue.runnerJobs(), random, UnaryOperator.identity()))),
                shuffled(seen.onlineSince(), random, UnaryOperator.identity()),
                seen.lastScalingAction());

        PoolPlan plan = Planner.plan(seen, scene.settings(), NOW);

        assertThat(Planner.plan(shuffled, scene.settings(), NOW)).isEqualTo(plan);
        assertThat(Planner.plan(seen, scene.settings(), NOW)).isEqualTo(plan);
    }

    @Provide
    Arbitrary<PoolScene> scenes() {
        return PoolScene.scenes();
    }

    private static Optional<PoolMember> target(PlannedAction action) {
        if (action instanceof Remove remove) {
            return Optional.of(remove.member());
        }
        if (action instanceof ForceRemove force) {
            return Optional.of(force.member());
        }
        return action instanceof Rotate rotate ? Optional.of(rotate.member()) : Optional.empty();
    }

    /** A VM by its scope tag; a registration without a VM by where GitHub listed it; an install record here. */
    private static boolean inPoolScope(PoolScene scene, Classified member) {
        Optional<VmInfo> vm = member.member().vm();
        if (vm.isPresent()) {
            return PoolScene.registeredHere(vm.get());
        }
        Optional<RunnerInfo> runner = member.member().runner();
        return runner.isEmpty() || scene.registrations().stream()
                .anyMatch(registration -> registration.runner().equals(runner.get())
                        && registration.scope().equals(PoolScene.HERE));
    }

    private static <T> List<T> shuffled(List<T> list, Random random) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        return copy;
    }

    private static <K, V> Map<K, V> shuffled(Map<K, V> map, Random random, UnaryOperator<V> values) {
        Map<K, V> copy = new LinkedHashMap<>();
        shuffled(List.copyOf(map.keySet()), random).forEach(key -> copy.put(key, values.apply(map.get(key))));
        return copy;
    }
}
