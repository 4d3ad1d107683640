package dev.fleet.cli.serve.webhook;

import dev.fleet.config.PoolConfig;
import dev.fleet.lifecycle.PoolRunners;
import dev.fleet.queue.PoolLabels;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which pools a job's delivery is about: those whose scope holds the job's repository and whose runners could take
 * it (queue-monitor's {@link PoolLabels}, as a pass counts its queue), and the pool a runner's name is given by.
 */
final class PoolRouting {
    private PoolRouting() {
    }

    /**
     * The pools that could serve {@code job}: a repository pool of its repository, or an organization pool of its
     * organization that lists the repository or lists none; and whose runners carry every label the job names.
     * GitHub compares names and labels without case.
     */
    static List<PoolConfig> takers(List<PoolConfig> pools, WorkflowJobEvent job) {
        return pools.stream()
                .filter(Objects::nonNull)
                .filter(pool -> serves(pool, job))
                .filter(pool -> new PoolLabels(pool.runnerLabels()).accepts(job.labels()))
                .toList();
    }

    /** The pool whose runners fleet names like {@code runnerName}; empty for anyone else's runner. */
    static Optional<PoolConfig> ofRunner(List<PoolConfig> pools, String runnerName) {
        if (runnerName == null) {
            return Optional.empty();
        }
        return pools.stream()
                .filter(Objects::nonNull)
                .filter(pool -> PoolRunners.named(pool.name(), runnerName))
                .findFirst();
    }

    private static boolean serves(PoolConfig pool, WorkflowJobEvent job) {
        if (!pool.isOrgPool()) {
            return pool.repo().equalsIgnoreCase(job.repository());
        }
        String name = job.repository().substring(job.repository().indexOf('/') + 1);
        return pool.org().equalsIgnoreCase(job.organization())
                && (pool.repos().isEmpty() || pool.repos().stream().anyMatch(name::equalsIgnoreCase));
    }
}
