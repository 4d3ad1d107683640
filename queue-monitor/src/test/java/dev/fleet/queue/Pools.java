package dev.fleet.queue;

import dev.fleet.config.PoolConfig;
import java.util.List;

/** Pools for tests: only the scope and labels matter to the queue. */
final class Pools {
    private Pools() {
    }

    static PoolConfig repo(String repo, List<String> labels, boolean noDefaultLabels) {
        return new PoolConfig("p", repo, null, List.of(), labels, null, null, null, null, null, null, noDefaultLabels,
                null, null);
    }

    static PoolConfig repo(String repo, String... labels) {
        return repo(repo, List.of(labels), false);
    }

    static PoolConfig org(String org, List<String> repos, String... labels) {
        return new PoolConfig("p", null, org, repos, List.of(labels), null, null, null, null, null, null, false, null,
                null);
    }
}
