package dev.fleet.lifecycle.reconcile;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.DestroyOutcome;
import dev.fleet.lifecycle.PoolRunners;
import dev.fleet.lifecycle.azure.DeleteOutcome;
import dev.fleet.lifecycle.azure.FleetResource;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.ActionKind;
import dev.fleet.lifecycle.reconcile.ActionResult.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what pools the config no longer has left in its resource groups: a pool taken out of the config, or moved
 * to another group by hand, would otherwise leave its VMs, IPs, NSG and VNet billing forever. Only resources tagged
 * {@code managed-by=fleet} with a {@code fleet-pool} tag are looked at, and only in the groups the config's pools use;
 * a resource group therefore belongs to one fleet config. A VM goes once it is older than the grace (a pool saved by
 * another process a moment ago is not yet in this pass's config) and its runner, looked up where its
 * {@code fleet-scope} tag says, is not busy: the registration first, then the VM. A running VM without that tag is
 * left alone, since its runner cannot be looked up. The pool's network goes once no VM of the pool is left.
 */
final class StraySweep {
    private static final Logger LOG = LoggerFactory.getLogger(StraySweep.class);

    private final Wiring wiring;
    private final boolean dryRun;
    private final Map<String, List<RunnerInfo>> runnersByScope = new HashMap<>();
    private final List<ActionResult> actions = new ArrayList<>();

    StraySweep(Wiring wiring, boolean dryRun) {
        this.wiring = wiring;
        this.dryRun = dryRun;
    }

    List<ActionResult> sweep(FleetConfig config, Instant now) {
        Map<String, Set<String>> poolsByGroup = config.pools().stream()
                .filter(pool -> pool != null && config.placement(pool).resourceGroup() != null)
                .collect(Collectors.groupingBy(
                pool -> config.placement(pool).resourceGroup().toLowerCase(Locale.ROOT), TreeMap::new,
                Collectors.mapping(PoolConfig::name, Collectors.toSet())));
        poolsByGroup.forEach((group, pools) -> {
            try {
                sweepGroup(group, pools, now);
            } catch (RuntimeException e) {
                actions.add(new ActionResult(ActionKind.SWEEP_VM, "resource group " + group, "looking for what removed "
                        + "pools left", Result.FAILED, FailureLine.of(e)));
            }
        });
        return List.copyOf(actions);
    }

    private void sweepGroup(String group, Set<String> configured, Instant now) {
        List<VmInfo> strays = wiring.vms().listGroup(group).stream()
                .filter(vm -> !configured.contains(vm.pool()))
                .sorted(Comparator.comparing(VmInfo::name))
                .toList();
        Duration grace = wiring.settings().strayGrace();
        for (VmInfo vm : strays) {
            String why = "pool " + vm.pool() + " is not in the config";
            if (vm.created() == null || Duration.between(vm.created(), now).compareTo(grace) < 0) {
                LOG.debug("VM {} of unknown pool {} is younger than {}; left for now", vm.name(), vm.pool(),
                        DurationText.format(grace));
            } else if (vm.scope() != null) {
                sweepVm(vm, why);
            } else if (isDown(vm)) {
                act(ActionKind.SWEEP_VM, vm.name(), why, () -> deleted(ActionKind.SWEEP_VM, vm.name(), why, wiring.vms().delete(vm)));
            } else {
                LOG.info("VM {} of pool {}, which is not in the config, runs without a fleet-scope tag: its runner "
                        + "cannot be looked up, so it is left alone", vm.name(), vm.pool());
            }
        }
        Set<String> poolsWithVms = strays.stream().map(VmInfo::pool).collect(Collectors.toSet());
        wiring.vms().listNetwork(group).stream()
                .filter(resource -> !configured.contains(resource.pool()) && !poolsWithVms.contains(resource.pool()))
                .sorted(Comparator.comparing(FleetResource::kind).thenComparing(FleetResource::name))
                .forEach(resource -> {
                    String why = "pool " + resource.pool() + " is not in the config and has no VM left";
                    String target = resource.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " "
                            + resource.name();
                    act(ActionKind.SWEEP_NETWORK, target, why,
                            () -> deleted(ActionKind.SWEEP_NETWORK, target, why, wiring.vms().delete(resource)));
                });
    }

    private void sweepVm(VmInfo vm, String why) {
        RunnerScope scope = RunnerScope.parse(vm.scope());
        Optional<RunnerInfo> runner = runnersIn(scope).stream()
                .filter(found -> found.name().equals(vm.name()) && PoolRunners.owns(vm.pool(), found, Set.of(vm.name())))
                .findFirst();
        if (runner.isPresent() && runner.get().busy()) {
            actions.add(new ActionResult(ActionKind.SWEEP_VM, vm.name(), why + "; running a job in " + scope,
                    dryRun ? Result.PLANNED : Result.SKIPPED_BUSY, dryRun ? "" : "left to finish its job"));
            return;
        }
        act(ActionKind.SWEEP_VM, vm.name(), why, () -> {
            DestroyOutcome outcome = wiring.provisioning().destroy(scope, vm, runner);
            Result result = switch (outcome.status()) {
                case DESTROYED -> Result.DONE;
                case BUSY -> Result.SKIPPED_BUSY;
                case FAILED -> Result.FAILED;
            };
            return new ActionResult(ActionKind.SWEEP_VM, vm.name(), why, result, FailureLine.oneLine(outcome.message()));
        });
    }

    private List<RunnerInfo> runnersIn(RunnerScope scope) {
        return runnersByScope.computeIfAbsent(scope.toString(), key -> wiring.github().listRunners(scope));
    }

    private static boolean isDown(VmInfo vm) {
        return vm.provisioningState() == VmInfo.ProvisioningState.FAILED
                || vm.powerState() == VmInfo.PowerState.STOPPED || vm.powerState() == VmInfo.PowerState.DEALLOCATED;
    }

    private void act(ActionKind kind, String target, String why, Supplier<ActionResult> action) {
        if (dryRun) {
            actions.add(new ActionResult(kind, target, why, Result.PLANNED, ""));
            return;
        }
        ActionResult done;
        try {
            done = action.get();
        } catch (RuntimeException e) {
            done = new ActionResult(kind, target, why, Result.FAILED, FailureLine.of(e));
        }
        LOG.info("{} {}: {} ({})", kind, target, done.result(), done.detail());
        actions.add(done);
    }

    private static ActionResult deleted(ActionKind kind, String target, String why, DeleteOutcome outcome) {
        return outcome instanceof DeleteOutcome.Failed failed
                ? new ActionResult(kind, target, why, Result.FAILED, FailureLine.oneLine(failed.code() + ": "
                        + failed.message()))
                : new ActionResult(kind, target, why, Result.DONE, "deleted");
    }
}
