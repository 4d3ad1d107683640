package dev.fleet.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fleet.github.GitHubException.Kind;
import dev.fleet.github.RunnerInfo.Status;
import dev.fleet.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RestGitHubRunnersTest {
    @RegisterExtension
    static final WireMockExtension GITHUB = GitHubStub.server();

    static final RunnerScope REPO = RunnerScope.repository("octo-org/octo-repo");
    static final RunnerScope ORG = RunnerScope.organization("octo-org");
    static final String REPO_RUNNERS = "/repos/octo-org/octo-repo/actions/runners";
    static final String ORG_RUNNERS = "/orgs/octo-org/actions/runners";
    /** The fixture authentication-token.json expires at 2020-01-22T20:13:35.123Z: start an hour before. */
    final MutableClock clock = new MutableClock(Instant.parse("2020-01-22T19:13:35.123Z"));
    final GitHubRunners runners = new RestGitHubRunners(GitHubStub.client(GITHUB, clock, 2), clock);

    static ResponseDefinitionBuilder created(String body) {
        return GitHubStub.json(201, body);
    }

    @Test
    void handsOutTheSameRegistrationTokenUntilItHasLessThanTenMinutesLeft() {
        GITHUB.stubFor(post(REPO_RUNNERS + "/registration-token").inScenario("tokens").whenScenarioStateIs(STARTED)
                .willReturn(created(Fixtures.github("authentication-token.json"))).willSetStateTo("used"));
        GITHUB.stubFor(post(REPO_RUNNERS + "/registration-token").inScenario("tokens").whenScenarioStateIs("used")
                .willReturn(created(Fixtures.github("authentication-token-2.json"))));

        RegistrationToken first = runners.registrationToken(REPO);
        clock.advance(Duration.ofMinutes(50));
        RegistrationToken stillFirst = runners.registrationToken(REPO);
        clock.advance(Duration.ofSeconds(1));
        RegistrationToken second = runners.registrationToken(REPO);

        assertThat(first.token().reveal()).isEqualTo("LLBF3JGZDX3P5PMEXLND6TS6FCWO6");
        assertThat(first.expiresAt()).isEqualTo(Instant.parse("2020-01-22T20:13:35.123Z"));
        assertThat(stillFirst).isEqualTo(first);
        assertThat(second.token().reveal()).isEqualTo("AABF3JGZDX3P5PMEXLND6TS6FCWO6");
        assertThat(first.toString()).doesNotContain("LLBF3JGZDX3P5PMEXLND6TS6FCWO6").contains("token=***");
        GITHUB.verify(2, postRequestedFor(urlEqualTo(REPO_RUNNERS + "/registration-token")));
    }

    @Test
    void cachesRegistrationTokensPerScope() {
        GITHUB.stubFor(post(REPO_RUNNERS + "/registration-token")
                .willReturn(created(Fixtures.github("authentication-token.json"))));
        GITHUB.stubFor(post(ORG_RUNNERS + "/registration-token")
                .willReturn(created(Fixtures.github("authentication-token-2.json"))));

        assertThat(runners.registrationToken(ORG).token().reveal()).isEqualTo("AABF3JGZDX3P5PMEXLND6TS6FCWO6");
        assertThat(runners.registrationToken(REPO).token().reveal()).isEqualTo("LLBF3JGZDX3P5PMEXLND6TS6FCWO6");
        assertThat(runners.registrationToken(ORG).token().reveal()).isEqualTo("AABF3JGZDX3P5PMEXLND6TS6FCWO6");
        GITHUB.verify(1, postRequestedFor(urlEqualTo(ORG_RUNNERS + "/registration-token")));
    }

    @Test
    void asksForAFreshRemoveTokenEachTime() {
        GITHUB.stubFor(post(REPO_RUNNERS + "/remove-token")
                .willReturn(created(Fixtures.github("authentication-token-2.json"))));

        runners.removeToken(REPO);
        RegistrationToken token = runners.removeToken(REPO);

        assertThat(token.token().reveal()).isEqualTo("AABF3JGZDX3P5PMEXLND6TS6FCWO6");
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2020-01-29T20:13:35.123Z"));
        GITHUB.verify(2, postRequestedFor(urlEqualTo(REPO_RUNNERS + "/remove-token")));
    }

    @Test
    void registersAJustInTimeRunner() {
        GITHUB.stubFor(post(ORG_RUNNERS + "/generate-jitconfig")
                .withRequestBody(equalToJson("{\"name\":\"fleet-pool-1\",\"runner_group_id\":2,"
                        + "\"labels\":[\"self-hosted\",\"linux\",\"gpu\"],\"work_folder\":\"_work\"}"))
                .willReturn(created(Fixtures.github("runner-jitconfig.json"))));

        JitConfig jit = runners.generateJitConfig(ORG, "fleet-pool-1", 2, List.of("self-hosted", "linux", "gpu"),
                "_work");

        assertThat(jit.runnerId()).isEqualTo(23);
        assertThat(jit.encodedConfig().reveal()).isEqualTo("abc123");
        assertThat(jit.toString()).doesNotContain("abc123");
    }

    @Test
    void leavesOutTheWorkFolderWhenNotGivenAndNeverRepeatsTheRegistration() {
        GITHUB.stubFor(post(REPO_RUNNERS + "/generate-jitconfig")
                .withRequestBody(equalToJson("{\"name\":\"r1\",\"runner_group_id\":1,\"labels\":[\"x\"]}"))
                .willReturn(aResponse().withStatus(502)));

        assertThatThrownBy(() -> runners.generateJitConfig(REPO, "r1", 1, List.of("x"), null))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER));
        GITHUB.verify(1, postRequestedFor(urlEqualTo(REPO_RUNNERS + "/generate-jitconfig")));
    }

    @Test
    void needsOneToAHundredLabels() {
        List<String> tooMany = Collections.nCopies(101, "l");
        assertThatThrownBy(() -> runners.generateJitConfig(REPO, "r", 1, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> runners.generateJitConfig(REPO, "r", 1, tooMany, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> runners.generateJitConfig(REPO, "r", 1, List.of(" "), null))
                .isInstanceOf(IllegalArgumentException.class);
        GITHUB.verify(0, postRequestedFor(urlPathEqualTo(REPO_RUNNERS + "/generate-jitconfig")));
    }

    @Test
    void listsRunnersWithTheirLabelNames() {
        GITHUB.stubFor(get(urlPathEqualTo(ORG_RUNNERS)).willReturn(okJson(Fixtures.github("runner-paginated.json"))));

        assertThat(runners.listRunners(ORG)).containsExactly(
                new RunnerInfo(23, "linux_runner", Status.ONLINE, true, false, List.of("self-hosted", "X64", "Linux")),
                new RunnerInfo(24, "mac_runner", Status.OFFLINE, false, false,
                        List.of("self-hosted", "X64", "macOS", "no-gpu")));
        GITHUB.verify(getRequestedFor(urlEqualTo(ORG_RUNNERS + "?per_page=100")));
    }

    @Test
    void getsOneRunnerOrNothingWhenGitHubNoLongerKnowsIt() {
        GITHUB.stubFor(get(REPO_RUNNERS + "/23").willReturn(okJson(Fixtures.github("runner.json"))));
        GITHUB.stubFor(get(REPO_RUNNERS + "/24").willReturn(aResponse().withStatus(404)));
        GITHUB.stubFor(get(REPO_RUNNERS + "/25").willReturn(aResponse().withStatus(403)));

        assertThat(runners.getRunner(REPO, 23)).contains(new RunnerInfo(23, "MBP", Status.ONLINE, true, false,
                List.of("self-hosted", "X64", "macOS", "no-gpu")));
        assertThat(runners.getRunner(REPO, 24)).isEmpty();
        assertThatThrownBy(() -> runners.getRunner(REPO, 25))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN))
                .hasMessage("GitHub refused GET /repos/octo-org/octo-repo/actions/runners/25 (403): the token from"
                        + " GITHUB_TOKEN lacks a permission on repository octo-org/octo-repo; runners need repository"
                        + " permission Administration: write (classic scope: repo)");
    }

    @Test
    void deletingABusyRunnerIsItsOwnOutcome() {
        GITHUB.stubFor(delete(REPO_RUNNERS + "/23").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Bad request - Runner \\\"MBP\\\" is still running a job\\\"\",\"status\":\"422\"}")));
        GITHUB.stubFor(delete(REPO_RUNNERS + "/24").willReturn(aResponse().withStatus(204)));

        assertThat(runners.deleteRunner(REPO, 23)).isEqualTo(DeleteOutcome.REFUSED_BUSY);
        assertThat(runners.deleteRunner(REPO, 24)).isEqualTo(DeleteOutcome.DELETED);
    }

    @Test
    void findsARunnerGroupOfAnOrganizationByNameAndRemembersIt() {
        GITHUB.stubFor(get(urlPathEqualTo("/orgs/octo-org/actions/runner-groups")).willReturn(okJson("""
                {"total_count": 2, "runner_groups": [
                  {"id": 1, "name": "Default", "visibility": "all", "default": true, "inherited": false,
                   "allows_public_repositories": false, "restricted_to_workflows": false, "selected_workflows": []},
                  {"id": 2, "name": "GPU runners", "visibility": "selected", "default": false, "inherited": false,
                   "allows_public_repositories": false, "restricted_to_workflows": false, "selected_workflows": []}
                ]}""")));

        assertThat(runners.runnerGroupId(ORG, "GPU runners")).isEqualTo(2);
        assertThat(runners.runnerGroupId(ORG, "gpu RUNNERS")).isEqualTo(2);
        GITHUB.verify(1, getRequestedFor(urlPathEqualTo("/orgs/octo-org/actions/runner-groups")));
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(runners.runnerGroupId(ORG, "GPU runners")).isEqualTo(2);
        GITHUB.verify(2, getRequestedFor(urlPathEqualTo("/orgs/octo-org/actions/runner-groups")));

        assertThatThrownBy(() -> runners.runnerGroupId(ORG, "arm"))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessage("organization octo-org has no runner group arm: create it, or use Default");
    }

    @Test
    void aRepositoryHasOnlyTheDefaultGroup() {
        assertThat(runners.runnerGroupId(REPO, "Default")).isEqualTo(1);
        assertThatThrownBy(() -> runners.runnerGroupId(REPO, "gpu")).isInstanceOf(IllegalArgumentException.class);
        GITHUB.verify(0, getRequestedFor(urlPathEqualTo("/repos/octo-org/octo-repo/actions/runner-groups")));
    }

    @Test
    void findsTheLatestRunnerPackageAndRemembersTheList() {
        GITHUB.stubFor(get(urlPathEqualTo(REPO_RUNNERS + "/downloads"))
                .willReturn(okJson(Fixtures.github("runner-application-items.json"))));

        RunnerDownload linux = runners.latestRunner(REPO, "linux", "x64");
        RunnerDownload arm = runners.latestRunner(REPO, "linux", "arm64");

        assertThat(linux).isEqualTo(new RunnerDownload("linux", "x64", URI.create(
                "https://github.com/actions/runner/releases/download/v2.164.0/actions-runner-linux-x64-2.164.0.tar.gz"),
                "actions-runner-linux-x64-2.164.0.tar.gz", null));
        assertThat(arm.filename()).isEqualTo("actions-runner-linux-arm64-2.164.0.tar.gz");
        GITHUB.verify(1, getRequestedFor(urlPathEqualTo(REPO_RUNNERS + "/downloads")));
        assertThatThrownBy(() -> runners.latestRunner(REPO, "linux", "riscv64"))
                .hasMessage("GitHub offers no runner package for linux-riscv64; choose one of [osx-x64, linux-x64,"
                        + " linux-arm, win-x64, linux-arm64]");
    }

    @Test
    void returnsThePublishedChecksumWhenGitHubGivesOne() {
        var items = GitHubBodies.tree(Fixtures.github("runner-application-items.json"));
        ((ObjectNode) items.get(1)).put("sha256_checksum", "a".repeat(64));
        GITHUB.stubFor(get(urlPathEqualTo(ORG_RUNNERS + "/downloads")).willReturn(okJson(items.toString())));

        assertThat(runners.latestRunner(ORG, "linux", "x64").sha256()).isEqualTo("a".repeat(64));
    }

    @Test
    void findsAPinnedVersionAndItsChecksumInTheRunnerRelease() {
        String url = "https://github.com/actions/runner/releases/download/v2.336.0/actions-runner-linux-x64-2.336.0.tar.gz";
        GITHUB.stubFor(get("/repos/actions/runner/releases/tags/v2.336.0").willReturn(okJson("""
                {"tag_name": "v2.336.0", "name": "v2.336.0",
                 "body": "- actions-runner-linux-arm64-2.336.0.tar.gz <!-- BEGIN SHA linux-arm64 -->%s<!-- END SHA linux-arm64 -->\\n- actions-runner-linux-x64-2.336.0.tar.gz <!-- BEGIN SHA linux-x64 -->%s<!-- END SHA linux-x64 -->",
                 "assets": [{"name": "actions-runner-linux-x64-2.336.0.tar.gz", "browser_download_url": "%s"}]}
                """.formatted("b".repeat(64), "c".repeat(64), url))));

        assertThat(runners.pinnedRunner("2.336.0", "linux", "x64")).isEqualTo(new RunnerDownload("linux", "x64",
                URI.create(url), "actions-runner-linux-x64-2.336.0.tar.gz", "c".repeat(64)));
        assertThatThrownBy(() -> runners.pinnedRunner("2.336.0", "win", "x64"))
                .hasMessage("actions/runner v2.336.0 has no actions-runner-win-x64-2.336.0.zip; check the version and"
                        + " platform");
        assertThatThrownBy(() -> runners.pinnedRunner("latest", "linux", "x64"))
                .isInstanceOf(IllegalArgumentException.class);
        GITHUB.verify(1, getRequestedFor(urlEqualTo("/repos/actions/runner/releases/tags/v2.336.0")));
    }

    @Test
    void scopesValidateNamesAndBuildPaths() {
        assertThat(REPO.apiPath()).isEqualTo("/repos/octo-org/octo-repo");
        assertThat(REPO).hasToString("octo-org/octo-repo");
        assertThat(ORG.apiPath()).isEqualTo("/orgs/octo-org");
        assertThat(ORG).hasToString("octo-org");
        assertThatThrownBy(() -> RunnerScope.repository("no-slash")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunnerScope.repository("o/r/extra")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunnerScope.organization("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunnerScope(RunnerScope.Kind.ORGANIZATION, "o", "r"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
