package dev.fleet.config;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.autoscaler.Policies;
import dev.fleet.autoscaler.ScalingConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every rule of the config file. Each broken rule is one problem naming its field, and checking goes on after a
 * problem, so a user fixes a file in one round. The patterns also stand in the JSON Schema; a test keeps them equal.
 */
public final class ConfigValidator {
    static final Pattern POOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]+$");
    static final Pattern REPO = Pattern.compile("^[a-zA-Z0-9_-]+/[a-zA-Z0-9._-]+$");
    static final Pattern ORG = Pattern.compile("^[a-zA-Z0-9_-]+$");
    static final Pattern REPO_NAME = Pattern.compile("^[a-zA-Z0-9._-]+$");
    static final Pattern LABEL = Pattern.compile("^[a-zA-Z0-9._-]+$");
    static final Pattern RUNNER_VERSION = Pattern.compile("^(latest|[0-9]+\\.[0-9]+\\.[0-9]+)$");
    static final Pattern SUBSCRIPTION_ID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    static final Pattern RESOURCE_GROUP = Pattern.compile("^[a-zA-Z0-9._()-]{0,89}[a-zA-Z0-9_()-]$");
    static final Pattern LOCATION = Pattern.compile("^[a-z0-9]+$");
    static final Pattern VM_SIZE = Pattern.compile("^[A-Za-z0-9_]+$");
    /** A marketplace URN, publisher:offer:sku:version. */
    static final Pattern IMAGE = Pattern.compile("^[^:\\s]+:[^:\\s]+:[^:\\s]+:[^:\\s]+$");
    static final Pattern ADMIN_USER = Pattern.compile("^[a-z_][a-z0-9_-]{0,31}$");

    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$");
    /** Guards InetAddress: text of these characters, with a colon, is parsed as an IPv6 literal and never looked up. */
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9a-fA-F:][0-9a-fA-F:.]*$");
    private static final Pattern LOOPBACK = Pattern.compile("^(localhost|127(\\.[0-9]{1,3}){3}|\\[::1])$");
    private static final String VERSION_PLACEHOLDER = "{version}";
    static final int MAX_PROVISIONING_CONCURRENCY = 100;
    static final Duration MAX_SCALING_DURATION = Duration.ofDays(30);

    private final List<ConfigProblem> problems = new ArrayList<>();

    private ConfigValidator() {
    }

    /** Every problem of {@code config}; empty when it is valid. */
    public static List<ConfigProblem> validate(FleetConfig config) {
        ConfigValidator validator = new ConfigValidator();
        validator.config(config);
        return List.copyOf(validator.problems);
    }

    /** Every problem of a standalone scaling object, named relative to it. */
    static List<ConfigProblem> validateScaling(ScalingSettings scaling) {
        ConfigValidator validator = new ConfigValidator();
        validator.scaling("", scaling);
        return List.copyOf(validator.problems);
    }

    /**
     * The rule of {@code github.apiUrl} for the same URL given elsewhere, such as the {@code GITHUB_API_URL}
     * environment variable: its problem, named {@code name}, when it breaks the rule.
     */
    public static Optional<ConfigProblem> validateApiUrl(String name, String value) {
        ConfigValidator validator = new ConfigValidator();
        validator.url(name, value);
        return validator.problems.stream().findFirst();
    }

    /** {@code pools[name]} where the name is usable, else {@code pools[index]}. */
    static String poolLabel(String name, int index) {
        boolean named = name != null && POOL_NAME.matcher(name).matches();
        return "pools[" + (named ? name : String.valueOf(index)) + "]";
    }

    private void config(FleetConfig config) {
        if (config.version() != FleetConfig.CURRENT_VERSION) {
            problem("version", "this fleet reads version " + FleetConfig.CURRENT_VERSION + ", was " + config.version());
        }
        github(config.github());
        azure(config.azure(), !config.pools().isEmpty());
        Map<String, String> stems = new HashMap<>();
        for (int i = 0; i < config.pools().size(); i++) {
            PoolConfig pool = config.pools().get(i);
            String path = poolLabel(pool == null ? null : pool.name(), i);
            if (pool == null) {
                problem(path, "must be an object");
                continue;
            }
            if (pool.name() != null) {
                uniqueName(path + ".name", pool.name(), stems);
            }
            pool(path, pool, config.azure());
        }
    }

    /**
     * Which pool a VM or runner is of goes by its name, whose pool part is the name's stem: pools whose names differ
     * only in case or in '_' against '-' would claim each other's runners.
     */
    private void uniqueName(String path, String name, Map<String, String> stems) {
        String other = stems.putIfAbsent(PoolConfig.nameStem(name), name);
        if (name.equals(other)) {
            problem(path, "another pool is also named \"" + name + "\"; names must be unique");
        } else if (other != null) {
            problem(path, "names pool \"" + other + "\" too: VM and runner names ignore case and take '-' for '_', "
                    + "so pool names must differ in more than that");
        }
        if (name.length() > PoolConfig.MAX_NAME_LENGTH) {
            problem(path, "must be at most " + PoolConfig.MAX_NAME_LENGTH + " characters, so that VM and runner names "
                    + "(fleet-<pool>-<8 characters>) fit Azure's 64, was " + name.length());
        }
    }

    private void github(GitHubSettings github) {
        url("github.apiUrl", github.apiUrl());
        GitHubSettings.App app = github.app();
        if (github.auth() != GitHubSettings.AuthMode.APP) {
            if (app != null) {
                problem("github.app", "only used when auth is app");
            }
            return;
        }
        if (app == null) {
            problem("github.app", "must be set when auth is app (appId, installationId, privateKeyPath)");
            return;
        }
        positive("github.app.appId", app.appId());
        positive("github.app.installationId", app.installationId());
        if (app.privateKeyPath() == null || app.privateKeyPath().isBlank()) {
            problem("github.app.privateKeyPath", "must be set");
        } else if (app.privateKeyPath().contains("-----BEGIN")) {
            problem("github.app.privateKeyPath",
                    "must be the path of the key file, not the key: secrets never go in the config");
        }
    }

    private void azure(AzureSettings azure, boolean hasPools) {
        if (azure.environment() == AzureSettings.Environment.CUSTOM) {
            if (azure.endpoints() == null) {
                problem("azure.endpoints", "must be set when environment is custom (resourceManager, authority)");
            } else {
                url("azure.endpoints.resourceManager", azure.endpoints().resourceManager());
                url("azure.endpoints.authority", azure.endpoints().authority());
            }
        } else if (azure.endpoints() != null) {
            problem("azure.endpoints", "only used when environment is custom");
        }
        if (azure.subscriptionId() == null && hasPools) {
            problem("azure.subscriptionId", "must be set when pools are defined");
        }
        optional("azure.subscriptionId", azure.subscriptionId(), SUBSCRIPTION_ID, "a subscription GUID");
        placementFields("azure", azure.resourceGroup(), azure.location(), azure.vmSize(), azure.image());
        matches("azure.adminUser", azure.adminUser(), ADMIN_USER, "a Linux user name");
        port("azure.sshPort", azure.sshPort());
        for (int i = 0; i < azure.sshAllowedCidrs().size(); i++) {
            cidr("azure.sshAllowedCidrs[" + i + "]", azure.sshAllowedCidrs().get(i), azure.allowAnySource());
        }
    }

    private void pool(String path, PoolConfig pool, AzureSettings global) {
        matches(path + ".name", pool.name(), POOL_NAME, "a pool name");
        if (pool.repo() != null && pool.org() != null) {
            problem(path, "set either repo or org, not both");
        } else if (pool.repo() == null && pool.org() == null) {
            problem(path, "set repo (owner/name) or org");
        }
        optional(path + ".repo", pool.repo(), REPO, "owner/name");
        optional(path + ".org", pool.org(), ORG, "an organization name");
        if (!pool.isOrgPool() && !pool.repos().isEmpty()) {
            problem(path + ".repos", "only org pools list repos; a repo pool serves its own repo");
        }
        eachMatches(path + ".repos", pool.repos(), REPO_NAME, "a repository name without its owner");
        if (pool.runnerGroup() != null && (!pool.isOrgPool() || pool.runnerGroup().isBlank())) {
            problem(path + ".runnerGroup", "must be a group name, and only org pools have runner groups");
        }
        eachMatches(path + ".labels", pool.labels(), LABEL, "a runner label");
        if (pool.noDefaultLabels() && pool.labels().isEmpty()) {
            problem(path + ".labels", "must list at least one label when noDefaultLabels is true");
        }
        overrides(path + ".azure", pool.azure());
        AzurePlacement placement = pool.placement(global);
        if (placement.resourceGroup() == null) {
            problem(path + ".azure.resourceGroup", "must be set here or in azure.resourceGroup");
        }
        if (placement.location() == null) {
            problem(path + ".azure.location", "must be set here or in azure.location");
        }
        scaling(path + ".scaling.", pool.scaling());
        matches(path + ".runnerVersion", pool.runnerVersion(), RUNNER_VERSION, "latest or x.y.z");
        if (UrlCredentials.present(pool.downloadUrlTemplate())) {
            // Not echoed: the URL reaches logs, the VMs' command lines and their output.
            problem(path + ".downloadUrlTemplate", "must not hold credentials (user:password@); every VM and every "
                    + "log would see them: serve the runner package without them, e.g. from a mirror only the VMs reach");
        } else if (!pool.downloadUrlTemplate().contains(VERSION_PLACEHOLDER)) {
            problem(path + ".downloadUrlTemplate", "must contain " + VERSION_PLACEHOLDER);
        } else {
            url(path + ".downloadUrlTemplate", pool.downloadUrlTemplate().replace(VERSION_PLACEHOLDER, "0.0.0"));
        }
        if (pool.webhookUrl() != null) {
            webhookUrl(path + ".webhookUrl", pool.webhookUrl());
        }
        Integer manualSize = pool.manualSize();
        if (manualSize != null && (manualSize < 0 || manualSize > pool.scaling().maxRunners())) {
            problem(path + ".manualSize", "must be between 0 and scaling.maxRunners (" + pool.scaling().maxRunners()
                    + "), was " + manualSize);
        }
    }

    /**
     * Where GitHub delivers the pool's events: the rule of {@code github.apiUrl}, and no credentials, since status
     * prints it and GitHub shows it to every admin of the scope; the webhook's secret is what authenticates it.
     */
    private void webhookUrl(String path, String value) {
        if (UrlCredentials.present(value)) {
            problem(path, "must not hold credentials (user:password@); the webhook's secret (FLEET_WEBHOOK_SECRET) "
                    + "authenticates GitHub's deliveries");
        } else {
            url(path, value);
        }
    }

    private void overrides(String path, PoolConfig.AzureOverrides azure) {
        placementFields(path, azure.resourceGroup(), azure.location(), azure.vmSize(), azure.image());
        if (azure.sshPort() != null) {
            port(path + ".sshPort", azure.sshPort());
        }
    }

    /** The fields a pool may override; the global ones always have a vmSize and an image, by default. */
    private void placementFields(String path, String resourceGroup, String location, String vmSize, String image) {
        optional(path + ".resourceGroup", resourceGroup, RESOURCE_GROUP, "a resource group name");
        optional(path + ".location", location, LOCATION, "a region name like westeurope");
        optional(path + ".vmSize", vmSize, VM_SIZE, "a VM size like Standard_D2s_v5");
        optional(path + ".image", image, IMAGE, "a marketplace URN publisher:offer:sku:version");
    }

    /** @param prefix the path up to and including the dot before the field names, or empty */
    private void scaling(String prefix, ScalingSettings scaling) {
        try {
            Policies.parse(scaling.policy());
        } catch (IllegalArgumentException e) {
            problem(prefix + "policy", e.getMessage());
        }
        atLeast(prefix + "minRunners", scaling.minRunners(), 0, "0");
        atLeast(prefix + "maxRunners", scaling.maxRunners(), scaling.minRunners(),
                "minRunners (" + scaling.minRunners() + ")");
        atMost(prefix + "maxRunners", scaling.maxRunners(), ScalingConfig.MAX_RUNNERS,
                "GitHub's limit of runners in a runner group");
        atLeast(prefix + "jobsPerRunner", scaling.jobsPerRunner(), 1, "1");
        atLeast(prefix + "scaleUpThreshold", scaling.scaleUpThreshold(), 0, "0");
        atLeast(prefix + "scaleDownThreshold", scaling.scaleDownThreshold(), 0, "0");
        atLeast(prefix + "provisioningConcurrency", scaling.provisioningConcurrency(), 1, "1");
        atMost(prefix + "provisioningConcurrency", scaling.provisioningConcurrency(), MAX_PROVISIONING_CONCURRENCY,
                "VMs created at once");
        atMost(prefix + "cooldown", scaling.cooldown());
        atMost(prefix + "idleTimeout", scaling.idleTimeout());
        atMost(prefix + "maxAge", scaling.maxAge());
    }

    private void problem(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }

    private void matches(String path, String value, Pattern pattern, String what) {
        if (value == null) {
            problem(path, "must be set (" + what + ")");
        } else if (!pattern.matcher(value).matches()) {
            problem(path, "must be " + what + " matching " + pattern.pattern() + ", was \"" + value + "\"");
        }
    }

    private void optional(String path, String value, Pattern pattern, String what) {
        if (value != null) {
            matches(path, value, pattern, what);
        }
    }

    private void eachMatches(String path, List<String> values, Pattern pattern, String what) {
        for (int i = 0; i < values.size(); i++) {
            matches(path + "[" + i + "]", values.get(i), pattern, what);
        }
    }

    private void atLeast(String path, int value, int least, String leastText) {
        if (value < least) {
            problem(path, "must be >= " + leastText + ", was " + value);
        }
    }

    private void atMost(String path, int value, int most, String why) {
        if (value > most) {
            problem(path, "must be <= " + most + " (" + why + "), was " + value);
        }
    }

    /** A scaling duration past a month would outlast any VM, and far past it no clock can add it to a time. */
    private void atMost(String path, Duration value) {
        if (value.compareTo(MAX_SCALING_DURATION) > 0) {
            problem(path, "must be at most " + DurationText.format(MAX_SCALING_DURATION) + ", was "
                    + DurationText.format(value));
        }
    }

    private void positive(String path, Long value) {
        if (value == null) {
            problem(path, "must be set");
        } else if (value < 1) {
            problem(path, "must be >= 1, was " + value);
        }
    }

    private void port(String path, int value) {
        if (value < 1 || value > 65_535) {
            problem(path, "must be a TCP port between 1 and 65535, was " + value);
        }
    }

    /** https only; plain http is allowed for loopback hosts, which is where test stubs listen. */
    private void url(String path, String value) {
        if (value == null) {
            problem(path, "must be set");
            return;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            problem(path, "must be a URL, was \"" + value + "\" (" + e.getReason() + ")");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = uri.getHost() != null && LOOPBACK.matcher(uri.getHost().toLowerCase(Locale.ROOT))
                .matches();
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
            problem(path, "must be an https URL (http only for localhost, 127.0.0.1 or [::1]), was \"" + value + "\"");
        }
    }

    private void cidr(String path, String value, boolean allowAnySource) {
        int slash = value == null ? -1 : value.indexOf('/');
        if (slash < 0 || !isCidr(value.substring(0, slash), value.substring(slash + 1))) {
            problem(path, "must be a CIDR range like 203.0.113.0/24 or 2001:db8::/32, was "
                    + (value == null ? "null" : "\"" + value + "\""));
        } else if (Integer.parseInt(value.substring(slash + 1)) == 0 && !allowAnySource) {
            problem(path, "\"" + value + "\" opens SSH to every address on the internet; list narrower ranges, "
                    + "or set azure.allowAnySource to true to allow it explicitly");
        }
    }

    private static boolean isCidr(String address, String prefix) {
        if (!prefix.matches("[0-9]{1,3}")) {
            return false;
        }
        int bits = Integer.parseInt(prefix);
        if (IPV4.matcher(address).matches()) {
            return bits <= 32;
        }
        if (!address.contains(":") || !IPV6_CHARS.matcher(address).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(address);
            return bits <= 128;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
