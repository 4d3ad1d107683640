package dev.fleet.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One pool: a GitHub scope ({@code repo} "owner/name", or {@code org} with an optional list of its {@code repos} whose
 * queues to watch), the runners' labels, Azure overrides, scaling and bootstrap settings. {@code manualSize}, when set,
 * pins the pool at that many runners instead of autoscaling. {@code webhookUrl}, when set, is where the scope's
 * {@code workflow_job} webhook delivers ({@code fleet serve}'s {@code /webhook}).
 */
public record PoolConfig(
        String name,
        String repo,
        String org,
        List<String> repos,
        List<String> labels,
        String runnerGroup,
        AzureOverrides azure,
        ScalingSettings scaling,
        Registration registration,
        String runnerVersion,
        String downloadUrlTemplate,
        Boolean noDefaultLabels,
        Boolean enabled,
        Integer manualSize,
        String webhookUrl) {

    public static final String LATEST_RUNNER = "latest";
    /**
     * The longest pool name: a VM and its runner are named {@code fleet-<pool>-<8 characters>}, and a Linux VM's name
     * (its host name) holds 64 characters at most.
     */
    public static final int MAX_NAME_LENGTH = 64 - "fleet-".length() - 1 - 8;
    static final List<String> DEFAULT_RUNNER_LABELS = List.of("self-hosted", "Linux", "X64");
    /** Where the runner tarball comes from; {@code {version}} is replaced by the resolved runner version. */
    static final String DEFAULT_DOWNLOAD_URL_TEMPLATE =
            "https://github.com/actions/runner/releases/download/v{version}/actions-runner-linux-x64-{version}.tar.gz";

    /** How a VM's runner registers with GitHub: the config's {@code registration}, and what the install script does. */
    public enum Registration {
        /** {@code config.sh --token} registers with a one-hour registration token, then {@code run.sh} runs. */
        @JsonProperty("token") TOKEN,
        /** {@code run.sh --jitconfig} runs with a just-in-time config that registers exactly one ephemeral runner. */
        @JsonProperty("jit") JIT
    }

    /** Per-pool replacements for the global Azure settings; a {@code null} field keeps the global value. */
    public record AzureOverrides(
            String resourceGroup,
            String location,
            String vmSize,
            String image,
            Boolean spot,
            Boolean privateIp,
            Integer sshPort) {

        static final AzureOverrides NONE = new AzureOverrides(null, null, null, null, null, null, null);
    }

    public PoolConfig {
        repos = Values.list(repos);
        labels = Values.list(labels);
        azure = Objects.requireNonNullElse(azure, AzureOverrides.NONE);
        scaling = Objects.requireNonNullElse(scaling, ScalingSettings.DEFAULTS);
        registration = Objects.requireNonNullElse(registration, Registration.TOKEN);
        runnerVersion = Objects.requireNonNullElse(runnerVersion, LATEST_RUNNER);
        downloadUrlTemplate = Objects.requireNonNullElse(downloadUrlTemplate, DEFAULT_DOWNLOAD_URL_TEMPLATE);
        noDefaultLabels = Objects.requireNonNullElse(noDefaultLabels, false);
        enabled = Objects.requireNonNullElse(enabled, true);
    }

    /** A pool that takes no webhooks. */
    public PoolConfig(String name, String repo, String org, List<String> repos, List<String> labels, String runnerGroup,
                      AzureOverrides azure, ScalingSettings scaling, Registration registration, String runnerVersion,
                      String downloadUrlTemplate, Boolean noDefaultLabels, Boolean enabled, Integer manualSize) {
        this(name, repo, org, repos, labels, runnerGroup, azure, scaling, registration, runnerVersion,
                downloadUrlTemplate, noDefaultLabels, enabled, manualSize, null);
    }

    /**
     * The pool's part of its VMs' and runners' names: Azure compares names without case, and a Linux host name may not
     * hold an underscore. Two pools of one valid config never share one.
     */
    public static String nameStem(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonIgnore
    public boolean isOrgPool() {
        return org != null;
    }

    /**
     * The labels the pool's runners carry: GitHub gives a Linux x64 runner {@code self-hosted}, {@code Linux} and
     * {@code X64} unless the pool turns default labels off, then the pool's own labels.
     */
    public Set<String> runnerLabels() {
        Set<String> all = new LinkedHashSet<>();
        if (!noDefaultLabels) {
            all.addAll(DEFAULT_RUNNER_LABELS);
        }
        all.addAll(labels);
        return Collections.unmodifiableSet(all);
    }

    /** {@code owner/name} for a repo pool, the org's name for an org pool. */
    public String scope() {
        return isOrgPool() ? org : repo;
    }

    /** This pool's overrides laid over {@code global}; where neither sets a field, it stays null. */
    public AzurePlacement placement(AzureSettings global) {
        return new AzurePlacement(
                global.subscriptionId(),
                either(azure.resourceGroup(), global.resourceGroup()),
                either(azure.location(), global.location()),
                Objects.requireNonNullElse(azure.vmSize(), global.vmSize()),
                Objects.requireNonNullElse(azure.image(), global.image()),
                global.adminUser(),
                Objects.requireNonNullElse(azure.sshPort(), global.sshPort()),
                global.sshAllowedCidrs(),
                Objects.requireNonNullElse(azure.spot(), false),
                Objects.requireNonNullElse(azure.privateIp(), false));
    }

    private static <T> T either(T override, T global) {
        return override != null ? override : global;
    }
}
