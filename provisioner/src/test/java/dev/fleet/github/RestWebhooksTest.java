package dev.fleet.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fleet.github.GitHubException.Kind;
import dev.fleet.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RestWebhooksTest {
    @RegisterExtension
    static final WireMockExtension GITHUB = GitHubStub.server();

    static final RunnerScope REPO = RunnerScope.repository("octocat/Hello-World");
    static final RunnerScope ORG = RunnerScope.organization("octo-org");
    static final String REPO_HOOKS = "/repos/octocat/Hello-World/hooks";
    static final String ORG_HOOKS = "/orgs/octo-org/hooks";
    /** The URL of the hook in hook-items.json. */
    static final String URL = "https://example.com/webhook";
    static final String DELIVERIES = REPO_HOOKS + "/12345678/deliveries";
    static final String FLEETS_HOOK = "{\"active\": true, \"events\": [\"workflow_job\"], \"config\": {\"url\": \""
            + URL + "\", \"content_type\": \"json\", \"secret\": \"s3cret\", \"insecure_ssl\": \"0\"}}";

    final MutableClock clock = new MutableClock(Instant.parse("2019-06-04T00:00:00Z"));
    final Webhooks webhooks = new RestWebhooks(GitHubStub.client(GITHUB, clock, 2));

    @Test
    void findsTheHookThatDeliversToTheUrlAndNoOther() {
        GITHUB.stubFor(get(urlPathEqualTo(REPO_HOOKS)).willReturn(okJson(Fixtures.github("hook-items.json"))));

        assertThat(webhooks.find(REPO, URL)).contains(new Webhook(12345678, URL, true,
                List.of("push", "pull_request"), "json", true));
        assertThat(webhooks.find(REPO, URL + "/other")).isEmpty();
    }

    @Test
    void createsTheHookWhenNoneDeliversToTheUrl() {
        GITHUB.stubFor(get(urlPathEqualTo(REPO_HOOKS)).willReturn(okJson("[]")));
        GITHUB.stubFor(post(REPO_HOOKS).withRequestBody(equalToJson(FLEETS_HOOK.replaceFirst("\\{",
                "{\"name\": \"web\", "))).willReturn(GitHubStub.json(201, Fixtures.github("hook.json"))));

        Webhooks.Ensured ensured = webhooks.ensure(REPO, URL, Secret.of("s3cret"));

        assertThat(ensured.created()).isTrue();
        assertThat(ensured.webhook().id()).isEqualTo(12345678);
        GITHUB.verify(1, postRequestedFor(urlEqualTo(REPO_HOOKS)));
    }

    @Test
    void updatesAnOrganizationsHookToExactlyFleetsSinceItsSecretCannotBeCompared() {
        GITHUB.stubFor(get(urlPathEqualTo(ORG_HOOKS)).willReturn(okJson(Fixtures.github("hook-items.json"))));
        GITHUB.stubFor(patch(urlEqualTo(ORG_HOOKS + "/12345678")).withRequestBody(equalToJson(FLEETS_HOOK))
                .willReturn(okJson(Fixtures.github("hook.json").replace("\"push\",\n    \"pull_request\"",
                        "\"workflow_job\""))));

        Webhooks.Ensured ensured = webhooks.ensure(ORG, URL, Secret.of("s3cret"));

        assertThat(ensured.created()).isFalse();
        assertThat(ensured.webhook().events()).containsExactly("workflow_job");
        GITHUB.verify(0, postRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void readsDeliveriesPageByPageBackToTheGivenTimeAndNoFurther() {
        GITHUB.stubFor(get(urlEqualTo(DELIVERIES + "?per_page=100")).willReturn(okJson(GitHubBodies.deliveries(
                        "4 d4 2019-06-03T12:00:00Z 200 false", "3 d3 2019-06-03T11:00:00Z 502 false"))
                .withHeader("Link", "<" + GITHUB.baseUrl() + DELIVERIES + "?per_page=100&cursor=v1_3>; rel=\"next\"")));
        GITHUB.stubFor(get(urlEqualTo(DELIVERIES + "?per_page=100&cursor=v1_3")).willReturn(okJson(
                        GitHubBodies.deliveries("2 d2 2019-06-03T10:00:00Z 200 false",
                                "1 d1 2019-06-03T09:59:59Z 200 false"))
                .withHeader("Link", "<" + GITHUB.baseUrl() + DELIVERIES + "?per_page=100&cursor=v1_1>; rel=\"next\"")));

        List<HookDelivery> recent = webhooks.deliveries(REPO, 12345678, Instant.parse("2019-06-03T10:00:00Z"));

        assertThat(recent).extracting(HookDelivery::id).containsExactly(4L, 3L, 2L);
        assertThat(recent.get(1)).isEqualTo(new HookDelivery(3, "d3", Instant.parse("2019-06-03T11:00:00Z"), 502,
                "workflow_job", "queued", false));
        assertThat(recent.get(1).answered()).isFalse();
        GITHUB.verify(0, getRequestedFor(urlEqualTo(DELIVERIES + "?per_page=100&cursor=v1_1")));
    }

    @Test
    void theLatestDeliveryIsTheFirstOfAOneItemPage() {
        GITHUB.stubFor(get(urlEqualTo(DELIVERIES + "?per_page=1"))
                .willReturn(okJson(Fixtures.github("hook-delivery-items.json"))));
        GITHUB.stubFor(get(urlEqualTo(ORG_HOOKS + "/9/deliveries?per_page=1")).willReturn(okJson("[]")));

        assertThat(webhooks.latestDelivery(REPO, 12345678)).contains(new HookDelivery(12345678,
                "0b989ba4-242f-11e5-81e1-c7b6966d2516", Instant.parse("2019-06-03T00:57:16Z"), 200, "issues",
                "opened", false));
        assertThat(webhooks.latestDelivery(ORG, 9)).isEmpty();
    }

    @Test
    void aDeliveryComesWithItsGuidAndPayload() {
        GITHUB.stubFor(get(DELIVERIES + "/12345678").willReturn(okJson(Fixtures.github("hook-delivery.json"))));

        HookDeliveryPayload delivery = webhooks.delivery(REPO, 12345678, 12345678);

        assertThat(delivery.guid()).isEqualTo("0b989ba4-242f-11e5-81e1-c7b6966d2516");
        assertThat(delivery.event()).isEqualTo("issues");
        assertThat(delivery.action()).isEqualTo("opened");
        assertThat(delivery.delivery().statusCode()).isEqualTo(200);
        assertThat(GitHubBodies.tree(delivery.payload()))
                .isEqualTo(GitHubBodies.tree("{\"action\":\"opened\",\"issue\":{\"body\":\"foo\"},\"repository\":"
                        + "{\"id\":123}}"));
    }

    @Test
    void aDeliveryWithoutAPayloadIsAnUnreadableAnswer() {
        GITHUB.stubFor(get(DELIVERIES + "/5").willReturn(okJson("{\"id\": 5, \"guid\": \"g\", \"request\": {}}")));

        assertThatThrownBy(() -> webhooks.delivery(REPO, 12345678, 5))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER))
                .hasMessageContaining(DELIVERIES + "/5");
    }

    @Test
    void unansweredEventsAreThoseNoTryOfWhichGot2xxEachOnceByItsNewestTryOldestFirst() {
        GITHUB.stubFor(get(urlPathEqualTo(REPO_HOOKS)).willReturn(okJson(Fixtures.github("hook-items.json"))));
        GITHUB.stubFor(get(urlEqualTo(DELIVERIES + "?per_page=100")).willReturn(okJson(GitHubBodies.deliveries(
                "16 queued-b 2019-06-03T12:06:00Z 500 true",
                "15 queued-a 2019-06-03T12:05:00Z 200 true",
                "14 queued-c 2019-06-03T12:04:00Z 0 false",
                "13 queued-b 2019-06-03T12:03:00Z 504 false",
                "12 queued-a 2019-06-03T12:02:00Z 502 false",
                "11 old 2019-06-03T11:59:59Z 502 false"))));
        GITHUB.stubFor(get(DELIVERIES + "/16").willReturn(okJson(GitHubBodies.delivery(16, "queued-b",
                "{\"action\": \"queued\", \"workflow_job\": {\"id\": 2}}"))));
        GITHUB.stubFor(get(DELIVERIES + "/14").willReturn(okJson(GitHubBodies.delivery(14, "queued-c",
                "{\"action\": \"queued\", \"workflow_job\": {\"id\": 3}}"))));

        List<HookDeliveryPayload> missed = webhooks.unanswered(REPO, URL, Instant.parse("2019-06-03T12:00:00Z"));

        assertThat(missed).extracting(HookDeliveryPayload::guid).containsExactly("queued-c", "queued-b");
        assertThat(missed).extracting(HookDeliveryPayload::event).containsOnly("workflow_job");
        assertThat(missed).extracting(HookDeliveryPayload::action).containsOnly("queued");
        assertThat(GitHubBodies.tree(missed.get(1).payload()).path("workflow_job").path("id").asInt()).isEqualTo(2);
        GITHUB.verify(0, getRequestedFor(urlEqualTo(DELIVERIES + "/13")));
    }

    @Test
    void noHookAtTheUrlMeansNothingMissedAndNoDeliveriesRead() {
        GITHUB.stubFor(get(urlPathEqualTo(ORG_HOOKS)).willReturn(okJson(Fixtures.github("hook-items.json"))));

        assertThat(webhooks.unanswered(ORG, "https://fleet.example.com/webhook", Instant.EPOCH)).isEmpty();
        GITHUB.verify(0, getRequestedFor(urlPathMatching(".*/deliveries.*")));
    }

    @Test
    void aTokenThatMayNotAdministerARepositorysWebhooksIsToldThePermission() {
        // GitHub answers 404, not 403, when the token may read the repository but not its webhooks.
        GITHUB.stubFor(get(urlPathEqualTo(REPO_HOOKS)).willReturn(GitHubStub.json(404,
                "{\"message\": \"Not Found\"}")));

        assertThatThrownBy(() -> webhooks.ensure(REPO, URL, Secret.of("s3cret")))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessage("GitHub says repository octocat/Hello-World does not exist or the token cannot see it "
                        + "(GET " + REPO_HOOKS + ": 404); webhooks need repository permission Webhooks: write "
                        + "(classic scope: admin:repo_hook)");
    }

    @Test
    void aTokenThatIsNotAnOrganizationOwnersIsToldSo() {
        GITHUB.stubFor(get(urlPathEqualTo(ORG_HOOKS)).willReturn(okJson("[]")));
        GITHUB.stubFor(post(ORG_HOOKS).willReturn(GitHubStub.json(403,
                "{\"message\": \"Must have admin rights to Repository.\"}")));

        assertThatThrownBy(() -> webhooks.ensure(ORG, URL, Secret.of("s3cret")))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN))
                .hasMessageContaining("organization octo-org; organization webhooks need an organization owner's "
                        + "token with organization permission Webhooks: write (classic scope: admin:org_hook)")
                .hasMessageNotContaining("s3cret");
        GITHUB.verify(1, postRequestedFor(urlEqualTo(ORG_HOOKS)).withHeader("Authorization",
                equalTo("Bearer test-token")));
    }
}
