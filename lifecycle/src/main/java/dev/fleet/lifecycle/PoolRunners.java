package dev.fleet.lifecycle;

import dev.fleet.github.RunnerInfo;
import java.util.Set;

/**
 * Which GitHub runner registrations are a pool's, so that a pass removes only its own. A pool's VMs pair by their exact
 * {@code fleet-pool} tag; a registration has no tags, only a name and labels, and both must say the pool:
 * <ul>
 *   <li>its name is one {@link VmNames} makes for the pool, {@code fleet-<stem>-<8 characters>}, whole: nothing is
 *       cut, so pools whose names share a long prefix never share a stem;</li>
 *   <li>and it carries the pool's label, {@code fleet-pool-<pool>}, which every runner fleet registers carries (with a
 *       registration token and with a JIT config alike) — or a VM of the pool has its name, which is how the runners
 *       of VMs made before fleet labelled them still pair.</li>
 * </ul>
 * GitHub compares labels without case, and a stem ignores case and '_' against '-', so neither tells {@code ci_2}
 * from {@code ci-2}, or {@code CI} from {@code ci}; the config refuses such pairs of names instead. A registration
 * that has the pool's name but neither the label nor a VM is a stranger's (a runner made by hand, or by another fleet
 * with another config): no pass reports, removes or deregisters it.
 */
public final class PoolRunners {
    private static final String LABEL_PREFIX = "fleet-pool-";

    private PoolRunners() {
    }

    /** The label every runner of {@code pool} registers with, beside the pool's own labels. */
    public static String label(String pool) {
        return LABEL_PREFIX + pool;
    }

    /**
     * Whether {@code runnerName} is a name fleet gives {@code pool}'s runners: the name alone, which says whose the
     * runner would be, not that it is.
     */
    public static boolean named(String pool, String runnerName) {
        return VmNames.isNameFor(pool, runnerName);
    }

    /**
     * Whether {@code runner} is one of {@code pool}'s.
     *
     * @param vmNames the names of the pool's VMs, as listed by their tag
     */
    public static boolean owns(String pool, RunnerInfo runner, Set<String> vmNames) {
        return named(pool, runner.name())
                && (vmNames.contains(runner.name()) || runner.labels().stream().anyMatch(label(pool)::equalsIgnoreCase));
    }
}
