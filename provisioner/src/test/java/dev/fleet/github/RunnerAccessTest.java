package dev.fleet.github;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fleet.github.GitHubException.Kind;
import dev.fleet.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RunnerAccessTest {
    @RegisterExtension
    static final WireMockExtension GITHUB = GitHubStub.server();

    private static final RunnerScope REPO = RunnerScope.repository("octo-org/octo-repo");
    private static final RunnerScope ORG = RunnerScope.organization("octo-org");
    private static final String REPO_TOKEN = "/repos/octo-org/octo-repo/actions/runners/registration-token";
    private static final String ORG_TOKEN = "/orgs/octo-org/actions/runners/registration-token";
    /** GitHub's answer when a fine-grained token lacks the permission an endpoint needs. */
    private static final String NOT_ACCESSIBLE = "{\"message\": \"Resource not accessible by personal access token\", "
            + "\"documentation_url\": \"https://docs.github.com/rest/actions/self-hosted-runners\", "
            + "\"status\": \"403\"}";

    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-22T19:13:35.123Z"));
    private final RunnerAccess access = new RestGitHubRunners(GitHubStub.client(GITHUB, clock, 0), clock);

    @Test
    void aRepositoryWhoseRunnersTheTokenMayRegisterPasses() {
        GITHUB.stubFor(get("/repos/octo-org/octo-repo").willReturn(GitHubStub.json(200,
                "{\"id\": 1296269, \"full_name\": \"octo-org/octo-repo\", \"private\": true}")));
        GITHUB.stubFor(post(REPO_TOKEN).willReturn(GitHubStub.json(201, Fixtures.github("authentication-token.json"))));

        assertThatCode(() -> access.verify(REPO)).doesNotThrowAnyException();

        GITHUB.verify(getRequestedFor(urlEqualTo("/repos/octo-org/octo-repo")));
        GITHUB.verify(postRequestedFor(urlEqualTo(REPO_TOKEN)));
    }

    @Test
    void aRepositoryTheTokenCannotSeeIsNamedAndNothingMoreIsAsked() {
        GITHUB.stubFor(get("/repos/octo-org/octo-repo").willReturn(GitHubStub.json(404,
                "{\"message\": \"Not Found\", \"status\": \"404\"}")));

        assertThatThrownBy(() -> access.verify(REPO))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessage("GitHub says repository octo-org/octo-repo does not exist or the token cannot see it "
                        + "(GET /repos/octo-org/octo-repo: 404)");
        GITHUB.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aTokenThatCanReadButNotRegisterRunnersIsToldThePermissionItLacks() {
        GITHUB.stubFor(get("/repos/octo-org/octo-repo").willReturn(GitHubStub.json(200,
                "{\"id\": 1296269, \"full_name\": \"octo-org/octo-repo\"}")));
        GITHUB.stubFor(post(REPO_TOKEN).willReturn(GitHubStub.json(403, NOT_ACCESSIBLE)));

        assertThatThrownBy(() -> access.verify(REPO))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN))
                .hasMessage("GitHub refused POST " + REPO_TOKEN + " (403): the token from GITHUB_TOKEN lacks a "
                        + "permission on repository octo-org/octo-repo; runners need repository permission "
                        + "Administration: write (classic scope: repo) (GitHub says: Resource not accessible by "
                        + "personal access token)");
    }

    @Test
    void anOrganizationNeedsTheSelfHostedRunnersPermission() {
        GITHUB.stubFor(get("/orgs/octo-org").willReturn(GitHubStub.json(200, "{\"login\": \"octo-org\", \"id\": 1}")));
        GITHUB.stubFor(post(ORG_TOKEN).willReturn(GitHubStub.json(403, NOT_ACCESSIBLE)));

        assertThatThrownBy(() -> access.verify(ORG))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN))
                .hasMessageContaining("runners need organization permission Self-hosted runners: write (classic "
                        + "scope: admin:org)");
    }

    @Test
    void aTokenGitHubRejectsIsNotMistakenForAMissingRepository() {
        GITHUB.stubFor(get("/orgs/octo-org").willReturn(GitHubStub.json(401,
                "{\"message\": \"Bad credentials\", \"status\": \"401\"}")));

        assertThatThrownBy(() -> access.verify(ORG))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED))
                .hasMessage("GitHub rejected the token from GITHUB_TOKEN (401): set a valid token");
    }
}
