package dev.fleet.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.github.RunnerInfo;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.bootstrap.RunnerSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reconcile}, {@code status} and the pass after a change, over fake Azure, GitHub and installs; a pool's webhook
 * over a stub of GitHub.
 */
class ReconcileCommandTest {
    @RegisterExtension
    static final WireMockExtension GITHUB = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    private static final String CONFIG = "{\"azure\": {\"subscriptionId\": \"" + Cli.SUBSCRIPTION + "\", "
            + "\"resourceGroup\": \"fleet-rg\", \"location\": \"westeurope\", \"sshAllowedCidrs\": [\"203.0.113.7/32\"]}, "
            + "\"pools\": [{\"name\": \"ci\", \"repo\": \"octo/app\", \"labels\": [\"gpu\"], "
            + "\"scaling\": {\"minRunners\": 2, \"maxRunners\": 4}}]}";

    @TempDir
    Path dir;

    private Cli cli;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        cli = new Cli(dir.resolve("home"));
        config = cli.useConfig(dir, CONFIG);
    }

    @Test
    void onePassBringsThePoolToItsMinimumAndPrintsWhatItDid() {
        assertThat(cli.run("reconcile")).isEqualTo(ExitCode.OK);

        assertThat(cli.services.world.azure.list("ci")).hasSize(2);
        assertThat(cli.services.world.github.all()).extracting(RunnerInfo::status)
                .containsExactly(RunnerInfo.Status.ONLINE, RunnerInfo.Status.ONLINE);
        assertThat(cli.out()).startsWith("pool ci: reconciled (queue: 0 queued, 0 in progress)\n"
                + "  decision: scale up, 0 -> 2: ")
                .containsPattern("create +fleet-ci-[a-z0-9]{8} +done: runner online +pool of 0 runners below min 2")
                .hasLineCount(7);
    }

    @Test
    void runnersRegisterAtTheGitHubThatGithubApiUrlNames() {
        cli.env.put("GITHUB_API_URL", "https://ghe.example.com/api/v3");

        assertThat(cli.run("reconcile")).isEqualTo(ExitCode.OK);

        assertThat(cli.services.world.installer.setups()).extracting(RunnerSetup::url)
                .containsOnly("https://ghe.example.com/octo/app");
    }

    @Test
    void quietPrintsOnlyAPassThatNeedsALook() {
        assertThat(cli.run("reconcile", "--quiet")).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.services.world.azure.list("ci")).hasSize(2);

        cli.services.world.azure.failLists("fleet-rg", new IllegalStateException("Azure is down"));
        assertThat(cli.run("reconcile", "--quiet")).isEqualTo(ExitCode.FAILURE);
        assertThat(cli.out()).startsWith("pool ci: failed");
    }

    @Test
    void withoutPoolsThereIsNothingToDoAndNothingIsAsked() throws IOException {
        Files.writeString(config, "{}");
        cli.services.world.azure.failLists("fleet-rg", new IllegalStateException("Azure must not be asked"));

        assertThat(cli.run("reconcile")).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).isEqualTo("no pools in the config; add one with 'fleet github-runner enable'\n");
        assertThat(cli.run("github-runner", "status")).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).isEqualTo("no pools in the config; add one with 'fleet github-runner enable'\n");
        assertThat(cli.services.world.azure.requests()).isEmpty();
    }

    @Test
    void aPassShowsWhatItSweptOfAPoolNoLongerInTheConfigAndADryRunWhatItWould() {
        cli.services.world.azure.existing(new VmInfo("fleet-gone-abcd1234", "gone", "fleet-rg",
                VmInfo.PowerState.DEALLOCATED, VmInfo.ProvisioningState.SUCCEEDED,
                cli.services.world.clock.instant().minus(Duration.ofHours(1)), "octo/app"));

        assertThat(cli.run("reconcile", "--dry-run")).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).containsPattern("pools no longer in the config:\n +ACTION +TARGET +RESULT +WHY\n"
                + " +sweep vm +fleet-gone-abcd1234 +planned +pool gone is not in the config\n");
        assertThat(cli.services.world.azure.listGroup("fleet-rg")).extracting(VmInfo::name)
                .contains("fleet-gone-abcd1234");

        assertThat(cli.run("reconcile")).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).containsPattern("sweep vm +fleet-gone-abcd1234 +done: VM fleet-gone-abcd1234 and its runner are gone +pool gone");
        assertThat(cli.services.world.azure.listGroup("fleet-rg")).extracting(VmInfo::name)
                .doesNotContain("fleet-gone-abcd1234");
    }

    @Test
    void aDryRunShowsThePlanAndChangesNothing() {
        cli.services.queue.queued("ci", 3);

        assertThat(cli.run("reconcile", "--dry-run")).isEqualTo(ExitCode.OK);

        assertThat(cli.services.world.azure.requests()).isEmpty();
        assertThat(cli.out()).contains("pool ci: dry run (queue: 3 queued, 0 in progress)", "would do:")
                .containsPattern("create +3 new +planned");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void jsonOutputIsThePassReport() throws IOException {
        assertThat(cli.run("reconcile", "--output", "json")).isEqualTo(ExitCode.OK);

        JsonNode report = new ObjectMapper().readTree(cli.out());
        assertThat(report.path("ok").asBoolean()).isTrue();
        assertThat(report.path("pools").get(0).path("pool").asText()).isEqualTo("ci");
        assertThat(report.path("pools").get(0).path("decision").path("target").asInt()).isEqualTo(2);
    }

    @Test
    void aPoolThatFailsIsReportedWithExitOne() {
        cli.services.world.azure.failLists("fleet-rg", new IllegalStateException("Azure is down"));

        assertThat(cli.run("reconcile")).isEqualTo(ExitCode.FAILURE);

        assertThat(cli.out()).contains("pool ci: failed").contains("error: ").contains("Azure is down");
    }

    @Test
    void aLockFileThatCannotBeOpenedIsItsPoolsFailureWithExitOne() throws IOException {
        Path lockFile = dir.resolve("state/fleet/locks/ci.lock");
        Files.createDirectories(lockFile);

        assertThat(cli.run("reconcile")).isEqualTo(ExitCode.FAILURE);

        assertThat(cli.out()).isEqualTo("pool ci: failed (queue: 0 queued, 0 in progress)\n  found no runners\n"
                + "  error: cannot lock " + lockFile + ": Is a directory\n");
        assertThat(cli.services.world.azure.list("ci")).isEmpty();
    }

    @Test
    void aRunnerAJobNamesIsKeptAndTheReportSaysWhy() {
        assertThat(cli.run("reconcile")).isEqualTo(ExitCode.OK);
        String runner = cli.services.world.azure.list("ci").get(0).name();
        cli.services.queue.gave("ci", 123, runner);
        cli.env.put(Reconciliation.IDLE_CONFIRMATION, "2m");

        assertThat(cli.run("github-runner", "disable", "--pool", "ci")).isEqualTo(ExitCode.OK);
        assertThat(cli.run("reconcile")).isEqualTo(ExitCode.OK);

        assertThat(cli.out()).containsPattern("remove +" + runner + " +kept: job 123 names it +pool disabled")
                .containsPattern("remove +fleet-ci-[a-z0-9]{8} +kept: online for less than 2m +pool disabled");
        assertThat(cli.services.world.azure.list("ci")).hasSize(2);
    }

    @Test
    void anIdleConfirmationThatIsNotADurationIsBadInput() {
        cli.env.put(Reconciliation.IDLE_CONFIRMATION, "soon");

        assertThat(cli.run("reconcile")).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(cli.err()).isEqualTo("fleet: FLEET_IDLE_CONFIRMATION: 'soon' is not a duration; write it like 90s, "
                + "5m, 1h30m, 2d or 250ms\n");
        assertThat(cli.services.world.azure.list("ci")).isEmpty();
    }

    @Test
    void anUnknownPoolOrATooShortIntervalIsBadInput() {
        assertThat(cli.run("reconcile", "--pool", "gpu")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).isEqualTo("fleet: --pool: no pool named gpu; pools: ci\n");

        assertThat(cli.run("reconcile", "--watch", "--interval", "5s")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).isEqualTo("fleet: --interval: must be between 10s and 1d, was 5s\n");
        assertThat(cli.services.world.azure.requests()).isEmpty();
    }

    @Test
    void statusShowsThePoolItsRunnersTheLastPassAndTheRateLimit() {
        assertThat(cli.run("reconcile")).isEqualTo(ExitCode.OK);
        cli.services.world.clock.advance(Duration.ofMinutes(3));
        cli.services.queue.inProgress("ci", 1);

        assertThat(cli.run("github-runner", "status")).isEqualTo(ExitCode.OK);

        assertThat(cli.out())
                .startsWith("pool ci: enabled, repo octo/app, labels self-hosted,Linux,X64,gpu\n"
                        + "  size: policy fleet, 2 to 4 runners; ")
                .contains("  queue: 0 queued, 1 in progress\n")
                .containsPattern("  last pass: \\S+ ago \\(\\w+\\), reconciled: ")
                .containsPattern("fleet-ci-[a-z0-9]{8} +idle +running +online +no +3m")
                .contains("GitHub rate limit: 4987 of 5000 requests left, resets in 30m");
        assertThat(cli.services.world.azure.list("ci")).hasSize(2);
    }

    @Test
    void statusAsJsonCarriesSettingsNowAndTheLastPass() throws IOException {
        cli.run("reconcile");

        assertThat(cli.run("github-runner", "status", "--output", "json")).as(cli.err()).isEqualTo(ExitCode.OK);

        JsonNode status = new ObjectMapper().readTree(cli.out());
        JsonNode pool = status.path("pools").get(0);
        assertThat(pool.path("pool").asText()).isEqualTo("ci");
        assertThat(pool.path("minRunners").asInt()).isEqualTo(2);
        assertThat(pool.path("now").path("runners")).hasSize(2);
        assertThat(pool.path("lastPass").path("status").asText()).isEqualTo("RECONCILED");
        assertThat(status.path("githubRateLimit").path("remaining").asInt()).isEqualTo(4987);
    }

    /** A pool's webhook in {@code status}, read from a stub of GitHub over real HTTP. */
    @Nested
    class StatusOfAWebhook {
        static final String URL = "https://fleet.example.com/webhook";
        static final String HOOKS = "/repos/octo/app/hooks";

        @BeforeEach
        void aPoolWithAWebhook() throws IOException {
            config = cli.useConfig(dir, CONFIG.replace("\"name\": \"ci\",", "\"name\": \"ci\", \"webhookUrl\": \""
                    + URL + "\","));
            cli.services.webhooks = Cli.webhooksAt(GITHUB.baseUrl());
        }

        void hook(boolean active) {
            GITHUB.stubFor(get(urlPathEqualTo(HOOKS)).willReturn(okJson("[{\"id\": 7, \"name\": \"web\", "
                    + "\"active\": " + active + ", \"events\": [\"workflow_job\"], \"config\": {\"url\": \"" + URL
                    + "\", \"content_type\": \"json\", \"insecure_ssl\": \"0\"}}]")));
        }

        @Test
        void showsThatTheHookIsActiveAndItsLastDelivery() {
            hook(true);
            GITHUB.stubFor(get(urlEqualTo(HOOKS + "/7/deliveries?per_page=1")).willReturn(okJson("[{\"id\": 3, "
                    + "\"guid\": \"g-3\", \"delivered_at\": \"2026-11-23T11:57:00Z\", \"redelivery\": false, "
                    + "\"status\": \"Invalid HTTP Response: 502\", \"status_code\": 502, \"event\": \"workflow_job\", "
                    + "\"action\": \"queued\"}]")));

            assertThat(cli.run("github-runner", "status")).isEqualTo(ExitCode.OK);

            assertThat(cli.out()).contains("  webhook: " + URL + ", active, last delivery 3m ago: 502\n");
        }

        @Test
        void showsAHookGitHubDoesNotHaveAndHowToMakeIt() {
            GITHUB.stubFor(get(urlPathEqualTo(HOOKS)).willReturn(okJson("[]")));

            assertThat(cli.run("github-runner", "status")).isEqualTo(ExitCode.OK);

            assertThat(cli.out()).contains("  webhook: " + URL + ", missing on GitHub: 'enable --webhook-url " + URL
                    + "' with FLEET_WEBHOOK_SECRET set creates it\n");
        }

        @Test
        void anInactiveHookWithoutDeliveries() {
            hook(false);
            GITHUB.stubFor(get(urlEqualTo(HOOKS + "/7/deliveries?per_page=1")).willReturn(okJson("[]")));

            assertThat(cli.run("github-runner", "status")).isEqualTo(ExitCode.OK);

            assertThat(cli.out()).contains("  webhook: " + URL + ", inactive, no deliveries yet\n");
        }

        @Test
        void aHookGitHubWillNotShowIsUnknownWithWhyAndTheRestOfStatusStands() {
            GITHUB.stubFor(get(urlPathEqualTo(HOOKS)).willReturn(WireMock.jsonResponse(
                    "{\"message\": \"Not Found\"}", 404)));

            assertThat(cli.run("github-runner", "status")).isEqualTo(ExitCode.OK);

            assertThat(cli.out()).contains("  webhook: " + URL + ", unknown: GitHub says repository octo/app does not "
                    + "exist or the token cannot see it (GET /repos/octo/app/hooks: 404); webhooks need repository "
                    + "permission Webhooks: write (classic scope: admin:repo_hook)\n")
                    .contains("GitHub rate limit:");
        }

        @Test
        void asJsonTheHookIsAnObjectOfThePool() throws IOException {
            hook(true);
            GITHUB.stubFor(get(urlEqualTo(HOOKS + "/7/deliveries?per_page=1")).willReturn(okJson("[{\"id\": 3, "
                    + "\"guid\": \"g-3\", \"delivered_at\": \"2026-11-23T11:57:00Z\", \"status_code\": 200, "
                    + "\"event\": \"workflow_job\", \"action\": \"completed\"}]")));

            assertThat(cli.run("github-runner", "status", "--output", "json")).isEqualTo(ExitCode.OK);

            JsonNode webhook = new ObjectMapper().readTree(cli.out()).path("pools").get(0).path("webhook");
            assertThat(webhook.path("url").asText()).isEqualTo(URL);
            assertThat(webhook.path("exists").asBoolean()).isTrue();
            assertThat(webhook.path("active").asBoolean()).isTrue();
            assertThat(webhook.path("lastDelivery").path("statusCode").asInt()).isEqualTo(200);
            assertThat(webhook.path("lastDelivery").path("deliveredAt").asText()).isEqualTo("2026-11-23T11:57:00Z");
            assertThat(webhook.path("lastDelivery").path("action").asText()).isEqualTo("completed");
        }
    }

    @Test
    void statusOfAPoolWithoutAWebhookAsksGitHubNothingAboutOne() throws IOException {
        cli.run("github-runner", "status", "--output", "json");

        assertThat(new ObjectMapper().readTree(cli.out()).path("pools").get(0).get("webhook").isNull()).isTrue();
        GITHUB.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void disablingAPoolDrainsItInThePassThatFollows() {
        cli.realReconcileStep = true;
        cli.run("reconcile");
        String busy = cli.services.world.azure.list("ci").get(0).name();
        cli.services.world.github.takesAJob(busy);

        assertThat(cli.run("github-runner", "disable", "--pool", "ci")).isEqualTo(ExitCode.OK);

        assertThat(cli.services.world.azure.list("ci")).extracting(VmInfo::name).containsExactly(busy);
        assertThat(cli.out()).contains("pool ci disabled").containsPattern("drain +" + busy);
    }

    @Test
    void aChangeWhosePassFailsStaysSavedAndExitsOne() throws IOException {
        cli.realReconcileStep = true;
        cli.services.world.azure.failLists("fleet-rg", new IllegalStateException("Azure is down"));

        assertThat(cli.run("github-runner", "scale", "--pool", "ci", "--count", "3")).isEqualTo(ExitCode.FAILURE);

        assertThat(Files.readString(config)).contains("\"manualSize\": 3");
        assertThat(cli.err()).contains("the change is saved, but the pass that applies it did not go through");
    }
}
