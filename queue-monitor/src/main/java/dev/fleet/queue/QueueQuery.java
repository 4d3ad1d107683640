package dev.fleet.queue;

import dev.fleet.config.PoolConfig;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link JobQueue} is asked for one pool: where its jobs are queued and which of them its runners could take.
 *
 * @param pool         the pool's name, which a queue answering for several pools tells their reads apart by
 * @param repositories {@code owner/name} of each repository whose workflow runs hold the pool's jobs
 * @param labels       the labels the pool's runners carry; a job is the pool's when they satisfy its {@code runs-on}
 */
public record QueueQuery(String pool, List<String> repositories, Set<String> labels) {

    public QueueQuery {
        Objects.requireNonNull(pool, "pool");
        repositories = List.copyOf(repositories);
        labels = Set.copyOf(labels);
        if (repositories.isEmpty()) {
            throw new IllegalArgumentException("pool " + pool + " watches no repository's queue");
        }
    }

    /**
     * The query for {@code pool}: its repository, or for an org pool the repositories it lists, with its runners'
     * labels. GitHub has no org-wide listing of runs, so an org pool must name its repositories.
     */
    public static QueueQuery of(PoolConfig pool) {
        return new QueueQuery(pool.name(), repositories(pool), pool.runnerLabels());
    }

    private static List<String> repositories(PoolConfig pool) {
        if (!pool.isOrgPool()) {
            return List.of(pool.repo());
        }
        if (pool.repos().isEmpty()) {
            throw new IllegalArgumentException("pool " + pool.name() + " serves organization " + pool.org()
                    + " but lists no repos: GitHub lists workflow runs per repository, so name the repositories "
                    + "whose queues the pool should watch in its repos");
        }
        return pool.repos().stream().map(repo -> pool.org() + "/" + repo).toList();
    }
}
