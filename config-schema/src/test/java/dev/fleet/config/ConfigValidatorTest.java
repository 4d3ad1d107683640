package dev.fleet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per rule: a valid file with one change breaks exactly that rule, and the message names the field. */
class ConfigValidatorTest {

    record Case(String problem, String... edits) {
        @Override
        public String toString() {
            return Arrays.toString(edits) + " -> " + problem;
        }
    }

    static Stream<Case> brokenRules() {
        String app = "{\"appId\": 12, \"installationId\": 34, \"privateKeyPath\": \"/etc/fleet/app.pem\"}";
        String custom = "{\"resourceManager\": \"https://arm.local\", \"authority\": \"https://login.local\"}";
        return Stream.of(
                new Case("version: this fleet reads version 1, was 2", "/version", "2"),
                // github
                new Case("github.apiUrl: must be an https URL (http only for localhost, 127.0.0.1 or [::1]), "
                        + "was \"http://api.github.com\"", "/github/apiUrl", "\"http://api.github.com\""),
                new Case("github.apiUrl: must be a URL, was \"not a url\"", "/github/apiUrl", "\"not a url\""),
                new Case("github.apiUrl: must be an https URL", "/github/apiUrl", "\"api.github.com\""),
                new Case("github.auth: unknown value \"oauth\"; expected one of [token, app]",
                        "/github/auth", "\"oauth\""),
                new Case("github.app: must be set when auth is app", "/github/auth", "\"app\""),
                new Case("github.app: only used when auth is app", "/github/app", app),
                new Case("github.app.appId: must be >= 1, was 0",
                        "/github/auth", "\"app\"", "/github/app", app, "/github/app/appId", "0"),
                new Case("github.app.installationId: must be set",
                        "/github/auth", "\"app\"", "/github/app", app, "/github/app/installationId", null),
                new Case("github.app.privateKeyPath: must be set",
                        "/github/auth", "\"app\"", "/github/app", app, "/github/app/privateKeyPath", "\" \""),
                new Case("github.app.privateKeyPath: must be the path of the key file, not the key",
                        "/github/auth", "\"app\"", "/github/app", app,
                        "/github/app/privateKeyPath", "\"-----BEGIN RSA PRIVATE KEY-----\\nMIIE\""),
                new Case("github.token: unknown field \"token\"", "/github/token", "\"ghp_x\""),
                // azure
                new Case("azure.environment: unknown value \"AzureGermanCloud\"; expected one of "
                        + "[AzureCloud, AzureChinaCloud, AzureUSGovernment, custom]",
                        "/azure/environment", "\"AzureGermanCloud\""),
                new Case("azure.endpoints: must be set when environment is custom",
                        "/azure/environment", "\"custom\""),
                new Case("azure.endpoints.resourceManager: must be an https URL",
                        "/azure/environment", "\"custom\"", "/azure/endpoints", custom,
                        "/azure/endpoints/resourceManager", "\"http://arm.example.com\""),
                new Case("azure.endpoints.authority: must be set",
                        "/azure/environment", "\"custom\"", "/azure/endpoints", custom,
                        "/azure/endpoints/authority", null),
                new Case("azure.endpoints: only used when environment is custom", "/azure/endpoints", custom),
                new Case("azure.credential: unknown value \"password\"", "/azure/credential", "\"password\""),
                new Case("azure.subscriptionId: must be set when pools are defined", "/azure/subscriptionId", null),
                new Case("azure.subscriptionId: must be a subscription GUID", "/azure/subscriptionId", "\"abc\""),
                new Case("azure.resourceGroup: must be a resource group name", "/azure/resourceGroup", "\"a/b\""),
                new Case("azure.resourceGroup: must be a resource group name", "/azure/resourceGroup", "\"rg.\""),
                new Case("pools[ci].azure.resourceGroup: must be set here or in azure.resourceGroup",
                        "/azure/resourceGroup", null),
                new Case("azure.location: must be a region name", "/azure/location", "\"West Europe\""),
                new Case("pools[ci].azure.location: must be set here or in azure.location", "/azure/location", null),
                new Case("azure.vmSize: must be a VM size", "/azure/vmSize", "\"Standard D2\""),
                new Case("azure.image: must be a marketplace URN", "/azure/image", "\"ubuntu\""),
                new Case("azure.adminUser: must be a Linux user name", "/azure/adminUser", "\"Root!\""),
                new Case("azure.sshPort: must be a TCP port between 1 and 65535, was 0", "/azure/sshPort", "0"),
                new Case("azure.sshPort: must be a TCP port between 1 and 65535, was 65536", "/azure/sshPort", "65536"),
                new Case("azure.sshAllowedCidrs[0]: must be a CIDR range", "/azure/sshAllowedCidrs/0", "\"10.0.0.0/33\""),
                new Case("azure.sshAllowedCidrs[0]: must be a CIDR range", "/azure/sshAllowedCidrs/0", "\"10.0.0/8\""),
                new Case("azure.sshAllowedCidrs[0]: must be a CIDR range", "/azure/sshAllowedCidrs/0", "\"300.1.1.0/24\""),
                new Case("azure.sshAllowedCidrs[0]: must be a CIDR range", "/azure/sshAllowedCidrs/0", "\"10.0.0.1\""),
                new Case("azure.sshAllowedCidrs[0]: must be a CIDR range", "/azure/sshAllowedCidrs/0", "\"10.0.0.0/x\""),
                new Case("azure.sshAllowedCidrs[0]: must be a CIDR range", "/azure/sshAllowedCidrs/0", "\"::1/129\""),
                new Case("azure.sshAllowedCidrs[0]: must be a CIDR range", "/azure/sshAllowedCidrs/0", "\"fe80::zz/64\""),
                new Case("azure.sshAllowedCidrs[0]: must be a CIDR range", "/azure/sshAllowedCidrs/0", "\"1::2::3/64\""),
                new Case("azure.sshAllowedCidrs[0]: must be a CIDR range", "/azure/sshAllowedCidrs/0", "\"example.com/8\""),
                new Case("azure.sshAllowedCidrs[0]: must be a CIDR range like 203.0.113.0/24 or 2001:db8::/32, was null",
                        "/azure/sshAllowedCidrs/0", "null"),
                new Case("azure.sshAllowedCidrs[1]: \"0.0.0.0/0\" opens SSH to every address on the internet; list "
                        + "narrower ranges, or set azure.allowAnySource to true to allow it explicitly",
                        "/azure/sshAllowedCidrs/1", "\"0.0.0.0/0\""),
                new Case("azure.sshAllowedCidrs[0]: \"::/0\" opens SSH to every address", "/azure/sshAllowedCidrs/0",
                        "\"::/0\""),
                // pools: names and scope
                new Case("pools[0].name: must be a pool name matching ^[a-zA-Z0-9_-]+$, was \"c i\"",
                        "/pools/0/name", "\"c i\""),
                new Case("pools[0].name: must be set (a pool name)", "/pools/0/name", null),
                new Case("pools[ci].name: another pool is also named \"ci\"; names must be unique",
                        "/pools/1", "{\"name\": \"ci\", \"repo\": \"octo/other\"}"),
                new Case("pools[CI].name: names pool \"ci\" too: VM and runner names ignore case and take '-' "
                        + "for '_', so pool names must differ in more than that", "/pools/1",
                        "{\"name\": \"CI\", \"repo\": \"octo/other\"}"),
                new Case("pools[ci-2].name: names pool \"ci_2\" too", "/pools/0/name", "\"ci_2\"", "/pools/1",
                        "{\"name\": \"ci-2\", \"repo\": \"octo/app\"}"),
                new Case("pools[" + "p".repeat(50) + "].name: must be at most 49 characters, so that VM and runner "
                        + "names (fleet-<pool>-<8 characters>) fit Azure's 64, was 50", "/pools/0/name",
                        "\"" + "p".repeat(50) + "\""),
                new Case("pools[ci].repo: must be owner/name matching ^[a-zA-Z0-9_-]+/[a-zA-Z0-9._-]+$, was \"octo app\"",
                        "/pools/0/repo", "\"octo app\""),
                new Case("pools[ci].repo: must be owner/name", "/pools/0/repo", "\"octo\""),
                new Case("pools[ci].repo: must be owner/name", "/pools/0/repo", "\"octo/app/x\""),
                new Case("pools[ci]: set either repo or org, not both", "/pools/0/org", "\"octo\""),
                new Case("pools[ci]: set repo (owner/name) or org", "/pools/0/repo", null),
                new Case("pools[ci].org: must be an organization name matching ^[a-zA-Z0-9_-]+$, was \"octo.org\"",
                        "/pools/0/repo", null, "/pools/0/org", "\"octo.org\""),
                new Case("pools[ci].repos: only org pools list repos", "/pools/0/repos", "[\"app\"]"),
                new Case("pools[ci].repos[1]: must be a repository name without its owner",
                        "/pools/0/repo", null, "/pools/0/org", "\"octo\"", "/pools/0/repos", "[\"app\", \"octo/app\"]"),
                new Case("pools[ci].runnerGroup: must be a group name, and only org pools have runner groups",
                        "/pools/0/runnerGroup", "\"linux\""),
                new Case("pools[ci].runnerGroup: must be a group name",
                        "/pools/0/repo", null, "/pools/0/org", "\"octo\"", "/pools/0/runnerGroup", "\"\""),
                new Case("pools[ci].labels[1]: must be a runner label matching ^[a-zA-Z0-9._-]+$, was \"x 64\"",
                        "/pools/0/labels/1", "\"x 64\""),
                new Case("pools[ci].labels[0]: must be set", "/pools/0/labels/0", "null"),
                new Case("pools[ci].labels: must list at least one label when noDefaultLabels is true",
                        "/pools/0/labels", "[]", "/pools/0/noDefaultLabels", "true"),
                new Case("pools[0]: must be an object", "/pools/0", "null"),
                // pools: azure overrides
                new Case("pools[ci].azure.resourceGroup: must be a resource group name",
                        "/pools/0/azure", "{\"resourceGroup\": \"a b\"}"),
                new Case("pools[ci].azure.location: must be a region name", "/pools/0/azure", "{\"location\": \"EU\"}"),
                new Case("pools[ci].azure.vmSize: must be a VM size", "/pools/0/azure", "{\"vmSize\": \"big one\"}"),
                new Case("pools[ci].azure.image: must be a marketplace URN", "/pools/0/azure", "{\"image\": \"a:b\"}"),
                new Case("pools[ci].azure.sshPort: must be a TCP port", "/pools/0/azure", "{\"sshPort\": -1}"),
                new Case("pools[ci].azure.subnet: unknown field \"subnet\"", "/pools/0/azure", "{\"subnet\": \"x\"}"),
                // pools: scaling
                new Case("pools[ci].scaling.policy: 'fastest' is not a scaling policy; use one of azlin, fleet, "
                        + "min-idle, min-idle:N", "/pools/0/scaling/policy", "\"fastest\""),
                new Case("pools[ci].scaling.policy: 'min-idle:x' is not a scaling policy",
                        "/pools/0/scaling/policy", "\"min-idle:x\""),
                new Case("pools[ci].scaling.policy: 'fleet:soon' is not a scaling policy",
                        "/pools/0/scaling/policy", "\"fleet:soon\""),
                new Case("pools[ci].scaling.minRunners: must be >= 0, was -1", "/pools/0/scaling/minRunners", "-1"),
                new Case("pools[ci].scaling.maxRunners: must be >= minRunners (3), was 1",
                        "/pools/0/scaling/minRunners", "3", "/pools/0/scaling/maxRunners", "1"),
                new Case("pools[ci].scaling.jobsPerRunner: must be >= 1, was 0", "/pools/0/scaling/jobsPerRunner", "0"),
                new Case("pools[ci].scaling.scaleUpThreshold: must be >= 0, was -2",
                        "/pools/0/scaling/scaleUpThreshold", "-2"),
                new Case("pools[ci].scaling.scaleDownThreshold: must be >= 0, was -1",
                        "/pools/0/scaling/scaleDownThreshold", "-1"),
                new Case("pools[ci].scaling.provisioningConcurrency: must be >= 1, was 0",
                        "/pools/0/scaling/provisioningConcurrency", "0"),
                new Case("pools[ci].scaling.cooldown: '5 minutes' is not a duration; write it like 90s, 5m",
                        "/pools/0/scaling/cooldown", "\"5 minutes\""),
                new Case("pools[ci].scaling.idleTimeout: expected a duration like \"5m\", found a number",
                        "/pools/0/scaling/idleTimeout", "300"),
                new Case("pools[ci].scaling.maxAge: '-1h' is not a duration", "/pools/0/scaling/maxAge", "\"-1h\""),
                new Case("pools[ci].scaling.maxRunners: expected a whole number, was 2.5",
                        "/pools/0/scaling/maxRunners", "2.5"),
                new Case("pools[ci].scaling.maxRunners: expected a whole number", "/pools/0/scaling/maxRunners",
                        "\"4\""),
                // pools: registration and bootstrap
                new Case("pools[ci].registration: unknown value \"pat\"; expected one of [token, jit]",
                        "/pools/0/registration", "\"pat\""),
                new Case("pools[ci].runnerVersion: must be latest or x.y.z", "/pools/0/runnerVersion", "\"v2.336\""),
                new Case("pools[ci].downloadUrlTemplate: must contain {version}",
                        "/pools/0/downloadUrlTemplate", "\"https://mirror.example.com/runner.tar.gz\""),
                new Case("pools[ci].downloadUrlTemplate: must be an https URL",
                        "/pools/0/downloadUrlTemplate", "\"ftp://mirror.example.com/{version}.tar.gz\""),
                new Case("pools[ci].enabled: expected true or false, was \"yes\"", "/pools/0/enabled", "\"yes\""),
                // pools: webhook
                new Case("pools[ci].webhookUrl: must be an https URL (http only for localhost, 127.0.0.1 or [::1]), "
                        + "was \"http://fleet.example.com/webhook\"",
                        "/pools/0/webhookUrl", "\"http://fleet.example.com/webhook\""),
                new Case("pools[ci].webhookUrl: must be a URL", "/pools/0/webhookUrl", "\"https://fleet example\""),
                new Case("pools[ci].webhookUrl: must not hold credentials (user:password@)",
                        "/pools/0/webhookUrl", "\"https://fleet:s3cret@fleet.example.com/webhook\""),
                new Case("pools[ci].webhookUrl: expected a string", "/pools/0/webhookUrl", "true"),
                new Case("pools[ci].manualSize: must be between 0 and scaling.maxRunners (4), was 5",
                        "/pools/0/manualSize", "5"),
                new Case("pools[ci].manualSize: must be between 0 and scaling.maxRunners (4), was -1",
                        "/pools/0/manualSize", "-1"),
                // shape
                new Case("pool: unknown field \"pool\" (known fields: azure, github, pools, version)",
                        "/pool", "[]"),
                new Case("pools[ci].scalling: unknown field \"scalling\"", "/pools/0/scalling", "{}"),
                new Case("pools: expected an array, found an object", "/pools", "{}"),
                new Case("azure: expected an object, was \"westeurope\"", "/azure", "\"westeurope\""));
    }

    @ParameterizedTest
    @MethodSource("brokenRules")
    void reportsTheBrokenRuleOnce(Case rule) {
        String json = Configs.with(rule.edits());
        assertThatThrownBy(() -> ConfigParser.parse(json))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).toString()).startsWith(rule.problem());
                });
    }

    /** A password in a download URL would reach logs, the VMs' command lines and their output: refused, not echoed. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "https://mirror:s3cret@mirror.example.com/v{version}/runner.tar.gz",
        "https://mirror@s3cret.example.com/v{version}/runner.tar.gz",
        "http://mirror:s3cret@127.0.0.1:8080/v{version}/runner.tar.gz",
        "https://mirror:s3cret@mirror.example.com/runner.tar.gz",
        "https://mirror:s3 cret@mirror.example.com/v{version}/runner.tar.gz",
        "HTTPS://mirror:s3cret@mirror.example.com/v{version}/runner.tar.gz"})
    void refusesCredentialsInTheDownloadUrlWithoutRepeatingThem(String url) {
        String json = Configs.with("/pools/0/downloadUrlTemplate", "\"" + url + "\"");
        assertThatThrownBy(() -> ConfigParser.parse(json))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).singleElement().asString().startsWith(
                            "pools[ci].downloadUrlTemplate: must not hold credentials (user:password@); ");
                    assertThat(e.getMessage()).doesNotContain("s3", "mirror:", "mirror@");
                });
    }

    static Stream<Case> acceptedVariations() {
        return Stream.of(
                new Case("loopback http for tests", "/github/apiUrl", "\"http://127.0.0.1:8080/api/v3\""),
                new Case("localhost", "/github/apiUrl", "\"http://localhost:9999\""),
                new Case("IPv6 loopback", "/github/apiUrl", "\"http://[::1]:9999\""),
                new Case("GHES", "/github/apiUrl", "\"https://ghe.example.com/api/v3\""),
                new Case("a webhook", "/pools/0/webhookUrl", "\"https://fleet.example.com:8443/webhook\""),
                new Case("a webhook on loopback", "/pools/0/webhookUrl", "\"http://127.0.0.1:8080/webhook\""),
                new Case("app auth", "/github/auth", "\"app\"", "/github/app",
                        "{\"appId\": 1, \"installationId\": 2, \"privateKeyPath\": \"app.pem\"}"),
                new Case("custom cloud on a loopback stub", "/azure/environment", "\"custom\"", "/azure/endpoints",
                        "{\"resourceManager\": \"http://127.0.0.1:8443/\", \"authority\": \"https://login.local/\"}"),
                new Case("any source, explicitly", "/azure/sshAllowedCidrs/0", "\"0.0.0.0/0\"",
                        "/azure/allowAnySource", "true"),
                new Case("IPv6 and single-host ranges", "/azure/sshAllowedCidrs",
                        "[\"2001:db8::/32\", \"198.51.100.7/32\", \"::ffff:10.0.0.0/104\"]"),
                new Case("no pools need no subscription", "/pools", "[]", "/azure/subscriptionId", null),
                new Case("placement from the pool", "/azure/resourceGroup", null, "/azure/location", null,
                        "/pools/0/azure", "{\"resourceGroup\": \"rg-ci\", \"location\": \"eastus2\", \"spot\": true}"),
                new Case("org pool", "/pools/0/repo", null, "/pools/0/org", "\"octo\"",
                        "/pools/0/repos", "[\"app\", \"web.site\"]", "/pools/0/runnerGroup", "\"linux\""),
                new Case("min-idle:N", "/pools/0/scaling/policy", "\"min-idle:3\""),
                new Case("azlin", "/pools/0/scaling/policy", "\"azlin\""),
                new Case("pinned version", "/pools/0/runnerVersion", "\"2.336.0\""),
                new Case("manual size at max", "/pools/0/manualSize", "4"),
                new Case("durations", "/pools/0/scaling/cooldown", "\"90s\"", "/pools/0/scaling/maxAge", "\"0s\""),
                new Case("min equals max", "/pools/0/scaling/minRunners", "4"),
                new Case("the longest pool name", "/pools/0/name", "\"" + "p".repeat(49) + "\""),
                new Case("names that differ in more than case and '_'", "/pools/1",
                        "{\"name\": \"ci-2x\", \"repo\": \"octo/app\"}", "/pools/2",
                        "{\"name\": \"ci_2_x\", \"repo\": \"octo/app\"}"));
    }

    @ParameterizedTest
    @MethodSource("acceptedVariations")
    void acceptsValidVariations(Case variation) {
        assertThat(ConfigValidator.validate(ConfigParser.read(Configs.with(variation.edits())))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void collectsEveryProblemOfAFile() {
        String json = Configs.with("/pools/0/repo", "\"bad repo\"", "/pools/0/scaling/maxRunners", "0",
                "/azure/sshPort", "0", "/pools/1", "{\"name\": \"x y\", \"org\": \"octo\"}");
        assertThatThrownBy(() -> ConfigParser.parse(json))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage().lines())
                        .containsExactly(
                                "azure.sshPort: must be a TCP port between 1 and 65535, was 0",
                                "pools[ci].repo: must be owner/name matching ^[a-zA-Z0-9_-]+/[a-zA-Z0-9._-]+$, "
                                        + "was \"bad repo\"",
                                "pools[ci].scaling.maxRunners: must be >= minRunners (1), was 0",
                                "pools[1].name: must be a pool name matching ^[a-zA-Z0-9_-]+$, was \"x y\""));
    }

    @org.junit.jupiter.api.Test
    void reportsUnknownFieldsTogetherWithBrokenRules() {
        String json = Configs.with("/pools/0/repo", "\"bad repo\"", "/pools/0/colour", "\"red\"");
        assertThatThrownBy(() -> ConfigParser.parse(json))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactly("pools[ci].colour", "pools[ci].repo"));
    }

    /** A value binding replaced by a default would be checked in place of what the file says; those rules wait. */
    @org.junit.jupiter.api.Test
    void collectsEveryProblemFoundWhileBinding() {
        String json = Configs.with("/github/auth", "\"oauth\"", "/pools/0/scaling/cooldown", "\"soon\"",
                "/pools/0/colour", "\"red\"", "/pools/0/repo", "\"bad repo\"");
        assertThatThrownBy(() -> ConfigParser.parse(json))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactly("github.auth", "pools[ci].scaling.cooldown", "pools[ci].colour"));
    }
}
