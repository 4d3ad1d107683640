package dev.fleet.lifecycle.reconcile;

import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.ActionKind;
import dev.fleet.lifecycle.plan.PlannedAction;
import dev.fleet.lifecycle.plan.StrayGroup;
import dev.fleet.lifecycle.plan.Sweeper;
import dev.fleet.lifecycle.reconcile.ActionResult.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The part of a pass over the whole config that removes what pools no longer in it left ({@link Sweeper}): for each
 * resource group the config's pools use, observe it, plan, and carry the plan out, or only show it in a dry run. A
 * group that cannot be looked at fails alone.
 */
final class StraySweep {
    private final Wiring wiring;
    private final boolean dryRun;
    private final VmListings listings;
    /** Runners listed in a scope, once for the sweep of every group. */
    private final Map<RunnerScope, List<RunnerInfo>> runnersByScope = new HashMap<>();

    StraySweep(Wiring wiring, boolean dryRun, VmListings listings) {
        this.wiring = wiring;
        this.dryRun = dryRun;
        this.listings = listings;
    }

    List<ActionResult> sweep(FleetConfig config, Instant now) {
        Map<String, Set<String>> poolsByGroup = config.pools().stream()
                .filter(pool -> pool != null && config.placement(pool).resourceGroup() != null)
                .collect(Collectors.groupingBy(
                        pool -> config.placement(pool).resourceGroup().toLowerCase(Locale.ROOT), TreeMap::new,
                        Collectors.mapping(PoolConfig::name, Collectors.toSet())));
        List<ActionResult> results = new ArrayList<>();
        poolsByGroup.forEach((group, pools) -> {
            List<PlannedAction> plan;
            try {
                plan = Sweeper.plan(observe(group, pools), wiring.settings().strayGrace(), now);
            } catch (RuntimeException e) {
                results.add(new ActionResult(ActionKind.SWEEP_VM, "resource group " + group, "looking for what "
                        + "removed pools left", Result.FAILED, FailureLine.of(e)));
                return;
            }
            results.addAll(dryRun
                    ? plan.stream().map(ActionResult::planned).toList()
                    : PlanExecutor.sweep(wiring, plan));
        });
        return results;
    }

    private StrayGroup observe(String group, Set<String> pools) {
        List<VmInfo> vms = listings.inGroup(group);
        Map<RunnerScope, List<RunnerInfo>> runners = new LinkedHashMap<>();
        Sweeper.scopes(pools, vms).forEach(scope -> runners.put(scope,
                runnersByScope.computeIfAbsent(scope, wiring.github()::listRunners)));
        return new StrayGroup(group, pools, vms, wiring.vms().listNetwork(group), runners);
    }
}
