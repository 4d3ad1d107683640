package dev.fleet.lifecycle;

import dev.fleet.config.AzurePlacement;
import dev.fleet.config.AzureSettings;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.RunnerScope;
import dev.fleet.github.Secret;
import dev.fleet.lifecycle.azure.Placement;
import dev.fleet.lifecycle.azure.VmRequest;
import dev.fleet.lifecycle.bootstrap.CloudInit;
import dev.fleet.lifecycle.bootstrap.RunnerSetup;
import dev.fleet.lifecycle.bootstrap.VmKeys;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@link Provisioning} needs to know about one pool, resolved from the config once, and what a runner
 * VM of the pool and its install are ({@link #runnerVm}, {@link #runnerSetup}).
 *
 * <p>Every default comes from the config, each filled in once: the Azure ones (VM size, image, admin user, SSH port)
 * by {@link AzureSettings} and the runner's (registration, version, download URL) by {@link PoolConfig} as the file is
 * read, spot and private IP (off) by {@link PoolConfig#placement} as it lays the pool's overrides over the global
 * settings. From here on every value is taken as given: {@link Placement}, {@link VmRequest} and {@link RunnerSetup}
 * refuse a missing one rather than fill it in again.
 *
 * @param runnerUrl     the web URL of the scope, which {@code config.sh --url} takes
 * @param labels        the labels the pool's runners carry: defaults included unless the pool turns them off, and
 *                      the pool's own ({@link PoolRunners#label})
 * @param runnerGroup   the runner group's name, or {@code null} for the default group
 * @param runnerVersion {@link PoolConfig#LATEST_RUNNER} or a version like {@code 2.330.0}
 */
public record PoolContext(
        String name,
        RunnerScope scope,
        String runnerUrl,
        List<String> labels,
        String runnerGroup,
        PoolConfig.Registration registration,
        String runnerVersion,
        String downloadUrlTemplate,
        Placement placement,
        int sshPort,
        List<String> sshAllowedCidrs,
        boolean privateIp,
        boolean spot,
        int provisioningConcurrency) {

    public PoolContext {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(runnerUrl, "runnerUrl");
        labels = List.copyOf(labels);
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(runnerVersion, "runnerVersion");
        Objects.requireNonNull(placement, "placement");
        sshAllowedCidrs = List.copyOf(sshAllowedCidrs);
        if (provisioningConcurrency < 1) {
            throw new IllegalArgumentException("provisioningConcurrency must be at least 1, not "
                    + provisioningConcurrency);
        }
    }

    /** The pool as {@code config} places it: the pool's Azure overrides over the global settings. */
    public static PoolContext of(FleetConfig config, PoolConfig pool) {
        AzurePlacement azure = config.placement(pool);
        RunnerScope scope = pool.isOrgPool()
                ? RunnerScope.organization(pool.org())
                : RunnerScope.repository(pool.repo());
        return new PoolContext(
                pool.name(),
                scope,
                webUrl(config.github().apiUrl()) + "/" + scope,
                labels(pool),
                pool.runnerGroup(),
                pool.registration(),
                pool.runnerVersion(),
                pool.downloadUrlTemplate(),
                Placement.of(azure),
                azure.sshPort(),
                azure.sshAllowedCidrs(),
                azure.privateIp(),
                azure.spot(),
                pool.scaling().provisioningConcurrency());
    }

    /** The pool's labels and its own, which tells its runners from any other's. */
    private static List<String> labels(PoolConfig pool) {
        List<String> labels = new ArrayList<>(pool.runnerLabels());
        labels.add(PoolRunners.label(pool.name()));
        return labels;
    }

    public String adminUser() {
        return placement.adminUser();
    }

    /** A runner VM of this pool, named {@code name}, that admits {@code keys}' user and is created at {@code now}. */
    public VmRequest runnerVm(String name, VmKeys keys, Instant now) {
        // No Spot price cap, a managed OS disk and only fleet's own tags: a pool's config sets none of them.
        return new VmRequest(this.name, scope.toString(), name, placement, keys.userPublicKeyOpenSsh(),
                CloudInit.customData(keys, sshPort), spot, null, privateIp, false, sshPort, sshAllowedCidrs, Map.of(),
                now);
    }

    /** The install of the runner {@code runnerName}, registering with {@code secret}, from {@code release}. */
    RunnerSetup runnerSetup(String runnerName, Secret secret, RunnerRelease release) {
        return new RunnerSetup(runnerUrl, runnerName, labels, runnerGroup, registration, secret, release.version(),
                release.downloadUrlTemplate(), release.sha256());
    }

    /*
     * config.sh wants the web URL, the config has the API's: https://api.github.com (and api.<tenant>.ghe.com) drop
     * their "api." host prefix, GitHub Enterprise Server drops its /api/v3 path. Anything else (a test server) is
     * taken as it is.
     */
    static String webUrl(String apiUrl) {
        URI uri = URI.create(apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl);
        String path = Objects.requireNonNullElse(uri.getPath(), "");
        String authority = uri.getAuthority();
        if (path.isEmpty() && authority.startsWith("api.")) {
            return uri.getScheme() + "://" + authority.substring("api.".length());
        }
        if (path.endsWith("/api/v3")) {
            return uri.getScheme() + "://" + authority + path.substring(0, path.length() - "/api/v3".length());
        }
        return uri.toString();
    }
}
