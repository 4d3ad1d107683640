package dev.fleet.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole config file. Compact constructors here and in the other config records only fill in defaults; the rules
 * live in {@link ConfigValidator}, so that one load reports every problem of a file instead of the first.
 */
public record FleetConfig(Integer version, GitHubSettings github, AzureSettings azure, List<PoolConfig> pools) {
    /** The only file format version this build reads and writes. */
    static final int CURRENT_VERSION = 1;

    public FleetConfig {
        version = Objects.requireNonNullElse(version, CURRENT_VERSION);
        github = Objects.requireNonNullElse(github, GitHubSettings.DEFAULTS);
        azure = Objects.requireNonNullElse(azure, AzureSettings.DEFAULTS);
        pools = Values.list(pools);
    }

    /** What a missing config file means: every default, no pools. */
    public static FleetConfig defaults() {
        return new FleetConfig(null, null, null, null);
    }

    public Optional<PoolConfig> pool(String name) {
        return pools.stream().filter(p -> p != null && name.equals(p.name())).findFirst();
    }

    /** The same config reaching GitHub at another API URL, e.g. the one {@code GITHUB_API_URL} names. */
    public FleetConfig withGitHubApiUrl(String apiUrl) {
        return new FleetConfig(version, new GitHubSettings(apiUrl, github.auth(), github.app()), azure, pools);
    }

    /** Where the named pool's VMs go: the pool's own Azure settings, else the global ones. */
    public AzurePlacement placement(PoolConfig pool) {
        return pool.placement(azure);
    }
}
