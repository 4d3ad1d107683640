package dev.fleet.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.Json;
import dev.fleet.config.ConfigParser;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.GitHubException;
import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.PoolRunners;
import dev.fleet.lifecycle.azure.AzureAccessException;
import dev.fleet.lifecycle.azure.VmInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EnableCommandTest {
    @RegisterExtension
    static final WireMockExtension GITHUB = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    /** The options of a first pool, with the Azure settings every later pool shares. */
    private static final String[] FIRST = {"github-runner", "enable", "--pool", "ci", "--repo", "octo/app",
        "--labels", "gpu", "--subscription", Cli.SUBSCRIPTION, "--resource-group", "fleet-rg", "--location",
        "westeurope", "--ssh-allowed-cidrs", "203.0.113.7/32"};

    @TempDir
    Path dir;

    private Cli cli;
    private Path config;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir.resolve("home"));
        config = dir.resolve("config.json");
        cli.env.put("FLEET_CONFIG", config.toString());
    }

    private FleetConfig saved() throws IOException {
        return ConfigParser.parse(Files.readString(config));
    }

    private static String[] with(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void theFirstPoolWritesANewConfigWithTheSharedAzureSettingsAfterBothChecks() throws IOException {
        assertThat(cli.run(FIRST)).isEqualTo(ExitCode.OK);

        assertThat(saved()).isEqualTo(ConfigParser.parse("{\"azure\": {\"subscriptionId\": \"" + Cli.SUBSCRIPTION
                + "\", \"resourceGroup\": \"fleet-rg\", \"location\": \"westeurope\", \"sshAllowedCidrs\": "
                + "[\"203.0.113.7/32\"]}, \"pools\": [{\"name\": \"ci\", \"repo\": \"octo/app\", \"labels\": "
                + "[\"gpu\"]}]}"));
        assertThat(cli.calls).containsExactly("github verify octo/app", "azure subscription",
                "azure group fleet-rg westeurope", "reconcile ci");
        assertThat(cli.out()).isEqualTo(String.join("\n",
                "pool ci created",
                "SETTING  VALUE",
                "scope    repository octo/app",
                "labels   self-hosted,Linux,X64,gpu",
                "runners  0-10, policy fleet",
                "vm       Standard_D2s_v5, Canonical:ubuntu-24_04-lts:server:latest",
                "azure    westeurope, resource group fleet-rg (created), subscription " + Cli.SUBSCRIPTION
                        + " (Fleet CI)",
                "config   " + config,
                ""));
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void withoutAzureSettingsEachMissingOneIsNamedAndNothingIsAskedOrWritten() {
        int exit = cli.run("github-runner", "enable", "--pool", "ci", "--repo", "octo/app");

        assertThat(exit).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err().lines()).containsExactly(
                "fleet: azure.subscriptionId: not set yet: pass --subscription (or set AZURE_SUBSCRIPTION_ID)",
                "fleet: azure.resourceGroup: not set yet: pass --resource-group",
                "fleet: azure.location: not set yet: pass --location",
                "fleet: azure.sshAllowedCidrs: not set yet: pass --ssh-allowed-cidrs with the addresses fleet "
                        + "connects from (this machine's public IP as 203.0.113.7/32), or --private-ip");
        assertThat(config).doesNotExist();
        assertThat(cli.calls).isEmpty();
    }

    @Test
    void theSubscriptionMayComeFromTheEnvironmentAndAPrivatePoolNeedsNoSshSources() throws IOException {
        cli.env.put("AZURE_SUBSCRIPTION_ID", Cli.SUBSCRIPTION);

        assertThat(cli.run("github-runner", "enable", "--pool", "ci", "--repo", "octo/app", "--resource-group",
                "fleet-rg", "--location", "westeurope", "--private-ip")).isEqualTo(ExitCode.OK);

        assertThat(saved().azure().subscriptionId()).isEqualTo(Cli.SUBSCRIPTION);
        assertThat(saved().placement(saved().pools().get(0)).privateIp()).isTrue();
    }

    @Test
    void invalidOptionsAreReportedFieldByFieldBeforeAnythingIsAskedAndTheFileStaysAsItWas() {
        cli.run(FIRST);
        cli.calls.clear();
        byte[] before = Cli.bytes(config);

        int exit = cli.run("github-runner", "enable", "--pool", "gpu", "--repo", "octo app", "--min-runners", "3",
                "--max-runners", "2", "--policy", "fastest", "--labels", "big gpu");

        assertThat(exit).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err().lines()).containsExactly(
                "fleet: pools[gpu].repo: must be owner/name matching ^[a-zA-Z0-9_-]+/[a-zA-Z0-9._-]+$, was "
                        + "\"octo app\"",
                "fleet: pools[gpu].labels[0]: must be a runner label matching ^[a-zA-Z0-9._-]+$, was \"big gpu\"",
                "fleet: pools[gpu].scaling.policy: 'fastest' is not a scaling policy; use one of azlin, fleet, "
                        + "min-idle, min-idle:N (N a whole number of idle runners), fleet:H (H the warm horizon, such "
                        + "as 90s)",
                "fleet: pools[gpu].scaling.maxRunners: must be >= minRunners (3), was 2");
        assertThat(Cli.bytes(config)).isEqualTo(before);
        assertThat(cli.calls).isEmpty();
    }

    @Test
    void enablingAPoolAgainAsItIsChangesNothingAndSaysSo() {
        cli.run(FIRST);
        cli.calls.clear();
        byte[] before = Cli.bytes(config);

        assertThat(cli.run("github-runner", "enable", "--pool", "ci", "--repo", "octo/app", "--labels", "gpu"))
                .isEqualTo(ExitCode.OK);
        assertThat(cli.run(FIRST)).isEqualTo(ExitCode.OK);

        assertThat(cli.out()).isEqualTo("pool ci is already enabled with these settings; nothing changed (" + config
                + ")\n");
        assertThat(Cli.bytes(config)).isEqualTo(before);
        assertThat(cli.calls).isEmpty();
    }

    @Test
    void changingAnExistingPoolListsTheChangesAndTakesUpdate() throws IOException {
        cli.run(FIRST);
        byte[] before = Cli.bytes(config);

        int refused = cli.run("github-runner", "enable", "--pool", "ci", "--max-runners", "4", "--labels", "gpu,big");

        assertThat(refused).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err().lines()).containsExactly(
                "fleet: pool ci exists and these options would change it; pass --update to change it (nothing was "
                        + "changed):",
                "fleet: pools[ci].labels: [\"gpu\"] -> [\"gpu\",\"big\"]",
                "fleet: pools[ci].scaling.maxRunners: 10 -> 4");
        assertThat(Cli.bytes(config)).isEqualTo(before);

        cli.calls.clear();
        assertThat(cli.run("github-runner", "enable", "--pool", "ci", "--max-runners", "4", "--labels", "gpu,big",
                "--update")).isEqualTo(ExitCode.OK);

        assertThat(cli.out()).startsWith("pool ci updated\n");
        PoolConfig pool = saved().pool("ci").orElseThrow();
        assertThat(pool.scaling().maxRunners()).isEqualTo(4);
        assertThat(pool.labels()).containsExactly("gpu", "big");
        assertThat(pool.repo()).isEqualTo("octo/app");
        assertThat(cli.calls).containsExactly("github verify octo/app", "azure subscription",
                "azure group fleet-rg westeurope", "reconcile ci");
    }

    @Test
    void movingAPoolThatStillHasVmsToAnotherRepositoryIsRefusedAndNothingChanges() {
        cli.run(FIRST);
        cli.services.world.azure.existing(new VmInfo("fleet-ci-abcd1234", "ci", "fleet-rg",
                VmInfo.PowerState.RUNNING, VmInfo.ProvisioningState.SUCCEEDED, null));
        byte[] before = Cli.bytes(config);
        cli.calls.clear();

        int refused = cli.run("github-runner", "enable", "--pool", "ci", "--repo", "octo/other", "--update");

        assertThat(refused).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err().lines()).containsExactly("fleet: pools[ci].repo: pool ci still has 1 VM and 0 runner "
                + "registrations in octo/app, resource group fleet-rg; changing where its runners register or live "
                + "would strand them: disable the pool, let reconcile drain it, then change it (nothing was changed)");
        assertThat(Cli.bytes(config)).isEqualTo(before);
        assertThat(cli.calls).isEmpty();
    }

    @Test
    void movingAPoolWhoseRunnersAreRegisteredStillIsRefusedToo() {
        cli.run(FIRST);
        cli.services.world.github.existing("fleet-ci-abcd1234", RunnerInfo.Status.OFFLINE, false,
                List.of("self-hosted", PoolRunners.label("ci")));
        cli.services.world.github.existing("fleet-ci-notours1", RunnerInfo.Status.OFFLINE, false,
                List.of("self-hosted"));

        int refused = cli.run("github-runner", "enable", "--pool", "ci", "--resource-group", "other-rg", "--update");

        assertThat(refused).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).startsWith("fleet: pools[ci].azure.resourceGroup: pool ci still has 0 VMs and 1 runner "
                + "registration in octo/app, resource group fleet-rg;");
    }

    @Test
    void anEmptyPoolMovesFreely() throws IOException {
        cli.run(FIRST);

        assertThat(cli.run("github-runner", "enable", "--pool", "ci", "--repo", "octo/other", "--update"))
                .isEqualTo(ExitCode.OK);

        assertThat(saved().pool("ci").orElseThrow().repo()).isEqualTo("octo/other");
    }

    @Test
    void aDisabledPoolIsEnabledAgainAsItWas() throws IOException {
        cli.run(FIRST);
        cli.run("github-runner", "disable", "--pool", "ci");
        cli.calls.clear();

        assertThat(cli.run("github-runner", "enable", "--pool", "ci")).isEqualTo(ExitCode.OK);

        assertThat(cli.out()).startsWith("pool ci enabled again\n");
        assertThat(saved().pool("ci").orElseThrow().enabled()).isTrue();
        assertThat(cli.calls).contains("github verify octo/app", "reconcile ci");
    }

    @Test
    void aLaterPoolKeepsOnlyTheAzureSettingsThatDifferFromTheSharedOnes() throws IOException {
        cli.run(FIRST);
        cli.calls.clear();

        assertThat(cli.run("github-runner", "enable", "--pool", "big", "--repo", "octo/app", "--resource-group",
                "big-rg", "--location", "westeurope", "--vm-size", "Standard_D8s_v5", "--no-spot",
                "--registration", "jit", "--no-default-labels", "--labels", "big", "--idle-timeout", "10m",
                "--no-reconcile")).isEqualTo(ExitCode.OK);

        PoolConfig big = saved().pool("big").orElseThrow();
        assertThat(big.azure()).isEqualTo(new PoolConfig.AzureOverrides("big-rg", null, "Standard_D8s_v5", null, null,
                null, null));
        assertThat(big.registration()).isEqualTo(PoolConfig.Registration.JIT);
        assertThat(big.runnerLabels()).containsExactly("big");
        assertThat(big.scaling().idleTimeout()).hasMinutes(10);
        assertThat(saved().azure().resourceGroup()).isEqualTo("fleet-rg");
        assertThat(cli.calls).containsExactly("github verify octo/app", "azure subscription",
                "azure group big-rg westeurope");
    }

    @Test
    void aMirrorForTheRunnerPackageIsSavedWithThePoolAndAnUnusableOneIsRefusedByField() throws IOException {
        String mirror = "https://mirror.example.com/actions-runner/{version}/actions-runner-linux-x64-{version}.tar.gz";

        int refused = cli.run(with(FIRST, "--download-url-template", "http://mirror.example.com/runner.tar.gz"));

        assertThat(refused).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).isEqualTo("fleet: pools[ci].downloadUrlTemplate: must contain {version}\n");
        assertThat(config).doesNotExist();
        assertThat(cli.calls).isEmpty();

        assertThat(cli.run(with(FIRST, "--download-url-template", mirror, "--runner-version", "2.330.0")))
                .isEqualTo(ExitCode.OK);
        PoolConfig pool = saved().pool("ci").orElseThrow();
        assertThat(pool.downloadUrlTemplate()).isEqualTo(mirror);
        assertThat(pool.runnerVersion()).isEqualTo("2.330.0");

        assertThat(cli.run("github-runner", "enable", "--pool", "ci", "--download-url-template",
                "http://mirror.example.com/{version}.tar.gz", "--update")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).isEqualTo("fleet: pools[ci].downloadUrlTemplate: must be an https URL (http only for "
                + "localhost, 127.0.0.1 or [::1]), was \"http://mirror.example.com/0.0.0.tar.gz\"\n");
        assertThat(saved().pool("ci").orElseThrow().downloadUrlTemplate()).isEqualTo(mirror);
    }

    @Test
    void aMirrorUrlWithCredentialsIsRefusedInOneLineThatDoesNotRepeatThem() {
        int refused = cli.run(with(FIRST, "--download-url-template",
                "https://fleet:hunter2@mirror.example.com/{version}/actions-runner-linux-x64-{version}.tar.gz"));

        assertThat(refused).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err().lines()).singleElement().asString()
                .startsWith("fleet: pools[ci].downloadUrlTemplate: must not hold credentials (user:password@); ");
        assertThat(cli.err() + cli.out()).doesNotContain("hunter2");
        assertThat(config).doesNotExist();
        assertThat(cli.calls).isEmpty();
    }

    @Test
    void anOrganizationPoolNamesTheRepositoriesWhoseQueuesItServes() throws IOException {
        cli.run(FIRST);

        assertThat(cli.run("github-runner", "enable", "--pool", "org", "--org", "octo", "--runner-group", "linux"))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).isEqualTo("fleet: pools[org].repos: an organization pool serves the repositories it "
                + "names, since GitHub lists queued jobs per repository: pass --repos\n");

        cli.calls.clear();
        assertThat(cli.run("github-runner", "enable", "--pool", "org", "--org", "octo", "--runner-group", "linux",
                "--repos", "app,web")).isEqualTo(ExitCode.OK);
        assertThat(saved().pool("org").orElseThrow().repos()).containsExactly("app", "web");
        assertThat(cli.calls).startsWith("github verify octo");
    }

    @Test
    void sharedSettingsAreNotChangedThroughOnePool() {
        cli.run(FIRST);
        byte[] before = Cli.bytes(config);

        int exit = cli.run("github-runner", "enable", "--pool", "gpu", "--repo", "octo/app", "--subscription",
                "00000000-0000-0000-0000-0000000000bb", "--ssh-allowed-cidrs", "198.51.100.0/24");

        assertThat(exit).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err().lines()).containsExactly(
                "fleet: azure.subscriptionId: every pool uses subscription " + Cli.SUBSCRIPTION + "; to move them to "
                        + "00000000-0000-0000-0000-0000000000bb, edit " + config,
                "fleet: azure.sshAllowedCidrs: every pool admits SSH from 203.0.113.7/32; to change that for all of "
                        + "them, edit " + config);
        assertThat(Cli.bytes(config)).isEqualTo(before);
    }

    @Test
    void aRefusedGitHubTokenFailsBeforeAzureIsAskedAndSavesNothing() {
        cli.services.github = new GitHubException(GitHubException.Kind.FORBIDDEN, 403,
                "GitHub refused POST /repos/octo/app/actions/runners/registration-token (403)");

        assertThat(cli.run(FIRST)).isEqualTo(ExitCode.FAILURE);

        assertThat(cli.err()).isEqualTo(
                "fleet: GitHub refused POST /repos/octo/app/actions/runners/registration-token (403)\n");
        assertThat(cli.calls).containsExactly("github verify octo/app");
        assertThat(config).doesNotExist();
    }

    @Test
    void aMissingGitHubTokenIsBadInput() {
        cli.services.github = new GitHubException(GitHubException.Kind.MISSING_CREDENTIALS, 0, "set GITHUB_TOKEN");

        assertThat(cli.run(FIRST)).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(config).doesNotExist();
    }

    @Test
    void noAzureSignInIsBadInputAndARefusalIsAFailure() {
        cli.services.azure = new AzureAccessException(AzureAccessException.Kind.NO_CREDENTIAL, "run az login", null);
        assertThat(cli.run(FIRST)).isEqualTo(ExitCode.BAD_INPUT);

        cli.services.azure = new AzureAccessException(AzureAccessException.Kind.REFUSED, "subscription disabled",
                null);
        assertThat(cli.run(FIRST)).isEqualTo(ExitCode.FAILURE);

        assertThat(cli.err()).isEqualTo("fleet: subscription disabled\n");
        assertThat(config).doesNotExist();
        assertThat(cli.calls).doesNotContain("reconcile ci");
    }

    @Test
    void jsonOutputIsOneObjectAndAnExistingGroupIsNotCreated() {
        cli.services.groupExists = true;

        assertThat(cli.run(with(FIRST, "--output", "json"))).isEqualTo(ExitCode.OK);

        JsonNode json = Json.read(cli.out());
        assertThat(json.path("pool").asText()).isEqualTo("ci");
        assertThat(json.path("action").asText()).isEqualTo("created");
        assertThat(json.path("scope").asText()).isEqualTo("octo/app");
        assertThat(json.path("config").asText()).isEqualTo(config.toString());
        assertThat(json.path("subscription").path("displayName").asText()).isEqualTo(FakeServices.SUBSCRIPTION_NAME);
        assertThat(json.path("resourceGroup").path("created").asBoolean()).isFalse();

        assertThat(cli.run("github-runner", "enable", "--pool", "ci", "-o", "json")).isEqualTo(ExitCode.OK);
        assertThat(Json.read(cli.out()).path("action").asText()).isEqualTo("unchanged");
    }

    /** {@code enable --webhook-url} against a stub of GitHub's webhook API over real HTTP. */
    @Nested
    class WithAWebhook {
        static final String URL = "https://fleet.example.com/webhook";
        static final String SECRET = "hook-secret-4669";
        static final String REPO_HOOKS = "/repos/octo/app/hooks";
        static final String ORG_HOOKS = "/orgs/octo-org/hooks";
        /** The options of a first pool, with a webhook. */
        static final String[] FIRST_WITH_HOOK = {"github-runner", "enable", "--pool", "ci", "--repo", "octo/app",
            "--subscription", Cli.SUBSCRIPTION, "--resource-group", "fleet-rg", "--location", "westeurope",
            "--ssh-allowed-cidrs", "203.0.113.7/32", "--webhook-url", URL};

        @BeforeEach
        void setUpGitHub() {
            cli.env.put("FLEET_WEBHOOK_SECRET", SECRET);
            cli.services.webhooks = Cli.webhooksAt(GITHUB.baseUrl());
        }

        /** A hook as GitHub answers it (the fields of its hook example that fleet reads). */
        static String hook(long id, String events) {
            return "{\"type\": \"Repository\", \"id\": " + id + ", \"name\": \"web\", \"active\": true, \"events\": ["
                    + events + "], \"config\": {\"content_type\": \"json\", \"insecure_ssl\": \"0\", \"url\": \"" + URL
                    + "\", \"secret\": \"********\"}}";
        }

        /** The body that makes a hook fleet's. */
        static String fleetsHook(String name) {
            return "{" + name + "\"active\": true, \"events\": [\"workflow_job\"], \"config\": {\"url\": \"" + URL
                    + "\", \"content_type\": \"json\", \"secret\": \"" + SECRET + "\", \"insecure_ssl\": \"0\"}}";
        }

        @Test
        void aRepositoryPoolGetsItsWebhookCreatedBeforeThePoolIsSaved() throws IOException {
            GITHUB.stubFor(get(urlPathEqualTo(REPO_HOOKS)).willReturn(okJson("[]")));
            GITHUB.stubFor(post(REPO_HOOKS).withRequestBody(equalToJson(fleetsHook("\"name\": \"web\", ")))
                    .willReturn(WireMock.jsonResponse(hook(7, "\"workflow_job\""), 201)));

            assertThat(cli.run(FIRST_WITH_HOOK)).isEqualTo(ExitCode.OK);

            assertThat(saved().pool("ci").orElseThrow().webhookUrl()).isEqualTo(URL);
            assertThat(cli.out()).contains("\nwebhook  created: " + URL + " (workflow_job)\n").doesNotContain(SECRET);
            assertThat(cli.calls).containsExactly("github verify octo/app", "azure subscription",
                    "azure group fleet-rg westeurope", "reconcile ci");
            GITHUB.verify(1, postRequestedFor(urlEqualTo(REPO_HOOKS)));
        }

        @Test
        void anOrganizationPoolsWebhookIsTheOrganizationsAndAnExistingOneIsMadeFleets() throws IOException {
            GITHUB.stubFor(get(urlPathEqualTo(ORG_HOOKS)).willReturn(okJson("[" + hook(9, "\"push\"") + "]")));
            GITHUB.stubFor(patch(urlEqualTo(ORG_HOOKS + "/9")).withRequestBody(equalToJson(fleetsHook("")))
                    .willReturn(okJson(hook(9, "\"workflow_job\""))));

            assertThat(cli.run("github-runner", "enable", "--pool", "builds", "--org", "octo-org", "--repos", "app",
                    "--subscription", Cli.SUBSCRIPTION, "--resource-group", "fleet-rg", "--location", "westeurope",
                    "--ssh-allowed-cidrs", "203.0.113.7/32", "--webhook-url", URL, "--output", "json"))
                    .isEqualTo(ExitCode.OK);

            JsonNode json = Json.read(cli.out());
            assertThat(json.path("webhook").path("id").asLong()).isEqualTo(9);
            assertThat(json.path("webhook").path("created").asBoolean(true)).isFalse();
            assertThat(json.path("webhook").path("url").asText()).isEqualTo(URL);
            assertThat(saved().pool("builds").orElseThrow().webhookUrl()).isEqualTo(URL);
            GITHUB.verify(0, postRequestedFor(anyUrl()));
        }

        @Test
        void withoutTheSecretNothingIsAskedOrSaved() {
            cli.env.remove("FLEET_WEBHOOK_SECRET");

            assertThat(cli.run(FIRST_WITH_HOOK)).isEqualTo(ExitCode.BAD_INPUT);

            assertThat(cli.err().lines()).containsExactly("fleet: FLEET_WEBHOOK_SECRET: must be set to the secret GitHub "
                    + "signs the webhook's deliveries with, the same 'fleet serve' checks them by (nothing was changed)");
            assertThat(config).doesNotExist();
            assertThat(cli.calls).isEmpty();
            GITHUB.verify(0, anyRequestedFor(anyUrl()));
        }

        @Test
        void aWebhookUrlThatIsNotHttpsIsBadInputNamingTheField() {
            String[] args = FIRST_WITH_HOOK.clone();
            args[args.length - 1] = "http://fleet.example.com/webhook";

            assertThat(cli.run(args)).isEqualTo(ExitCode.BAD_INPUT);

            assertThat(cli.err().lines()).containsExactly("fleet: pools[ci].webhookUrl: must be an https URL (http only "
                    + "for localhost, 127.0.0.1 or [::1]), was \"http://fleet.example.com/webhook\"");
            assertThat(config).doesNotExist();
            GITHUB.verify(0, anyRequestedFor(anyUrl()));
        }

        @Test
        void aTokenThatMayNotAdministerTheRepositorysWebhooksStopsEnableBeforeAzureAndSavesNothing() {
            GITHUB.stubFor(get(urlPathEqualTo(REPO_HOOKS)).willReturn(WireMock.jsonResponse(
                    "{\"message\": \"Not Found\"}", 404)));

            assertThat(cli.run(FIRST_WITH_HOOK)).isEqualTo(ExitCode.FAILURE);

            assertThat(cli.err().lines()).containsExactly("fleet: GitHub says repository octo/app does not exist or the "
                    + "token cannot see it (GET /repos/octo/app/hooks: 404); webhooks need repository permission "
                    + "Webhooks: write (classic scope: admin:repo_hook)");
            assertThat(cli.calls).containsExactly("github verify octo/app");
            assertThat(config).doesNotExist();
        }

        @Test
        void anOrganizationThatRefusesTheHookLeavesThePoolAsItWas() throws IOException {
            assertThat(cli.run("github-runner", "enable", "--pool", "ci", "--org", "octo-org", "--repos", "app",
                    "--subscription", Cli.SUBSCRIPTION, "--resource-group", "fleet-rg", "--location", "westeurope",
                    "--ssh-allowed-cidrs", "203.0.113.7/32", "--no-reconcile")).isEqualTo(ExitCode.OK);
            byte[] before = Cli.bytes(config);
            GITHUB.stubFor(get(urlPathEqualTo(ORG_HOOKS)).willReturn(okJson("[]")));
            GITHUB.stubFor(post(ORG_HOOKS).willReturn(WireMock.jsonResponse(
                    "{\"message\": \"Must have admin rights to Repository.\"}", 403)));

            int exit = cli.run("github-runner", "enable", "--pool", "ci", "--webhook-url", URL, "--update");

            assertThat(exit).isEqualTo(ExitCode.FAILURE);
            assertThat(cli.err().lines()).singleElement().asString()
                    .startsWith("fleet: GitHub refused POST /orgs/octo-org/hooks (403): the token from GITHUB_TOKEN lacks "
                            + "a permission on organization octo-org; organization webhooks need an organization owner's "
                            + "token with organization permission Webhooks: write (classic scope: admin:org_hook)")
                    .doesNotContain(SECRET);
            assertThat(Cli.bytes(config)).isEqualTo(before);
            assertThat(saved().pool("ci").orElseThrow().webhookUrl()).isNull();
        }

        @Test
        void enablingAgainWithTheUrlSetsTheSecretAgainAndChangesNoConfig() {
            GITHUB.stubFor(get(urlPathEqualTo(REPO_HOOKS)).willReturn(okJson("[" + hook(7, "\"workflow_job\"") + "]")));
            GITHUB.stubFor(patch(urlEqualTo(REPO_HOOKS + "/7")).withRequestBody(equalToJson(fleetsHook("")))
                    .willReturn(okJson(hook(7, "\"workflow_job\""))));
            assertThat(cli.run(FIRST_WITH_HOOK)).isEqualTo(ExitCode.OK);
            byte[] before = Cli.bytes(config);
            cli.calls.clear();

            assertThat(cli.run(FIRST_WITH_HOOK)).isEqualTo(ExitCode.OK);

            assertThat(cli.out()).isEqualTo("pool ci is already enabled with these settings; its webhook updated: " + URL
                    + " (workflow_job), the config is unchanged (" + config + ")\n");
            assertThat(Cli.bytes(config)).isEqualTo(before);
            assertThat(cli.calls).isEmpty();
            GITHUB.verify(2, patchRequestedFor(urlEqualTo(REPO_HOOKS + "/7")));
        }

        @Test
        void aPoolThatMovesToAnotherRepositoryTakesItsWebhookAlong() throws IOException {
            GITHUB.stubFor(get(urlPathEqualTo(REPO_HOOKS)).willReturn(okJson("[]")));
            GITHUB.stubFor(post(REPO_HOOKS).willReturn(WireMock.jsonResponse(hook(7, "\"workflow_job\""), 201)));
            GITHUB.stubFor(get(urlPathEqualTo("/repos/octo/other/hooks")).willReturn(okJson("[]")));
            GITHUB.stubFor(post("/repos/octo/other/hooks").withRequestBody(equalToJson(fleetsHook(
                    "\"name\": \"web\", "))).willReturn(WireMock.jsonResponse(hook(8, "\"workflow_job\""), 201)));
            assertThat(cli.run(FIRST_WITH_HOOK)).isEqualTo(ExitCode.OK);
            cli.env.remove("FLEET_WEBHOOK_SECRET");

            assertThat(cli.run("github-runner", "enable", "--pool", "ci", "--repo", "octo/other", "--update"))
                    .isEqualTo(ExitCode.BAD_INPUT);
            assertThat(cli.err()).startsWith("fleet: FLEET_WEBHOOK_SECRET: must be set");
            assertThat(saved().pool("ci").orElseThrow().repo()).isEqualTo("octo/app");

            cli.env.put("FLEET_WEBHOOK_SECRET", SECRET);
            assertThat(cli.run("github-runner", "enable", "--pool", "ci", "--repo", "octo/other", "--update"))
                    .isEqualTo(ExitCode.OK);
            assertThat(cli.out()).contains("\nwebhook  created: " + URL + " (workflow_job)\n");
            assertThat(saved().pool("ci").orElseThrow().webhookUrl()).isEqualTo(URL);
            GITHUB.verify(1, postRequestedFor(urlEqualTo("/repos/octo/other/hooks")));
        }

        @Test
        void disablingAPoolLeavesItsWebhook() {
            GITHUB.stubFor(get(urlPathEqualTo(REPO_HOOKS)).willReturn(okJson("[]")));
            GITHUB.stubFor(post(REPO_HOOKS).willReturn(WireMock.jsonResponse(hook(7, "\"workflow_job\""), 201)));
            assertThat(cli.run(FIRST_WITH_HOOK)).isEqualTo(ExitCode.OK);
            GITHUB.resetRequests();

            assertThat(cli.run("github-runner", "disable", "--pool", "ci")).isEqualTo(ExitCode.OK);

            GITHUB.verify(0, anyRequestedFor(anyUrl()));
        }
    }
}
