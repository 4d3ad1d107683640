package dev.fleet.cli.serve.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.cli.serve.RunnerRemoval;
import dev.fleet.config.PoolConfig;
import dev.fleet.testing.MutableClock;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /webhook} over real HTTP: what GitHub's deliveries make {@code serve} do, and what they cannot. */
class WebhookHandlerTest {
    private static final String RUNNER = "fleet-ci-abcd1234";
    /** GitHub's example completed job ended then; the runner's VM goes three seconds later. */
    private static final Instant COMPLETED = Instant.parse("2021-08-05T10:38:16Z");

    private final Recorded recorded = new Recorded();
    private final MutableClock clock = new MutableClock(COMPLETED.plusSeconds(3));
    private final List<PoolConfig> pools = new ArrayList<>(List.of(pool("ci", "gpu"), pool("ci-big", "big")));
    private Deliveries deliveries;
    private WebhookServer server;

    @BeforeEach
    void start() {
        deliveries = new Deliveries(recorded, recorded, () -> pools, recorded, clock);
        server = new WebhookServer(Optional.of(WebhookServer.SIGNATURE), deliveries);
    }

    @AfterEach
    void stop() {
        server.close();
        deliveries.close(Duration.ofSeconds(5));
    }

    static PoolConfig pool(String name, String... labels) {
        return new PoolConfig(name, Payloads.REPO, null, null, List.of(labels), null, null, null, null, null, null,
                null, null, null);
    }

    private static byte[] queued(String... labels) {
        return Payloads.job("queued", List.of(labels), null);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Payloads.JSON.readTree(response.body());
    }

    @Test
    void aQueuedJobRunsAPassOfEachPoolWhoseRunnersCouldTakeIt() throws IOException {
        byte[] body = queued("self-hosted", "Linux");

        HttpResponse<String> response = server.deliver("d-1", "workflow_job", body, WebhookServer.SIGNATURE.sign(body));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).path("result").asText()).isEqualTo("accepted");
        assertThat(json(response).path("message").asText()).isEqualTo("pass requested for pool ci, ci-big");
        assertThat(recorded.passes).containsExactly("ci for webhook d-1", "ci-big for webhook d-1");
        assertThat(recorded.results).containsExactly(DeliveryResult.ACCEPTED);
    }

    @Test
    void labelsAreComparedWithoutCaseAndAJobGoesOnlyToPoolsCarryingAllOfThem() {
        server.deliver("d-7", "workflow_job", queued("self-hosted", "GPU"), WebhookServer.SIGNATURE.sign(
                queued("self-hosted", "GPU")));

        assertThat(recorded.passes).containsExactly("ci for webhook d-7");
    }

    @Test
    void aJobWhoseLabelsNoPoolCarriesRunsNoPass() throws IOException {
        HttpResponse<String> response = server.deliver("workflow_job", queued("self-hosted", "windows"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("result").asText()).isEqualTo("no-pool");
        assertThat(json(response).path("message").asText())
                .isEqualTo("no pool: no pool of octo/app has runners labelled [self-hosted, windows]");
        assertThat(recorded.passes).isEmpty();
        assertThat(recorded.results).containsExactly(DeliveryResult.NO_POOL);
    }

    @Test
    void aJobOfAnotherRepositoryOrNamingNoLabelRunsNoPass() {
        server.deliver("workflow_job", Payloads.job("queued", List.of("gpu"), null,
                payload -> ((ObjectNode) payload.get("repository")).put("full_name", "octo/other")));
        server.deliver("workflow_job", queued());

        assertThat(recorded.passes).isEmpty();
        assertThat(recorded.results).containsExactly(DeliveryResult.NO_POOL, DeliveryResult.NO_POOL);
    }

    @Test
    void aDisabledPoolGetsNoPassItDrainsOnThePeriodicOne() throws IOException {
        pools.set(0, new PoolConfig("ci", Payloads.REPO, null, null, List.of("gpu"), null, null, null, null, null,
                null, null, false, null));

        HttpResponse<String> response = server.deliver("workflow_job", queued("gpu"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("message").asText())
                .isEqualTo("no pool: pool ci is disabled and drains on the periodic pass");
        assertThat(recorded.passes).isEmpty();
    }

    @Test
    void anOrganizationPoolTakesJobsOfTheRepositoriesItListsOrOfAllWhenItListsNone() {
        pools.clear();
        pools.add(new PoolConfig("listed", null, "Octo", List.of("app"), List.of("gpu"), null, null, null, null, null,
                null, null, null, null));
        pools.add(new PoolConfig("others", null, "octo", List.of("web"), List.of("gpu"), null, null, null, null, null,
                null, null, null, null));
        pools.add(new PoolConfig("whole-org", null, "octo", null, List.of("gpu"), null, null, null, null, null, null,
                null, null, null));

        server.deliver("d-2", "workflow_job", orgJob(), WebhookServer.SIGNATURE.sign(orgJob()));

        assertThat(recorded.passes).containsExactly("listed for webhook d-2", "whole-org for webhook d-2");
    }

    private static byte[] orgJob() {
        return Payloads.job("queued", List.of("gpu"), null,
                payload -> payload.putObject("organization").put("login", "octo"));
    }

    @Test
    void aGoodSignatureOfGitHubsTestVectorVerifiesAndABadMissingOrSha1OneIsRefusedAndNothingIsDone()
            throws IOException {
        JsonNode vector = Payloads.fixture("signature-test-vector.json");
        byte[] body = vector.path("payload").asText().getBytes(StandardCharsets.UTF_8);
        String signed = vector.path("expected_header_value").asText();
        String sha1 = "sha1=" + signed.substring("sha256=".length());
        String wrong = signed.substring(0, signed.length() - 1) + (signed.endsWith("7") ? "8" : "7");

        // GitHub's "Hello, World!" is no workflow_job: signed right, it gets as far as being read.
        assertThat(server.deliver("v-1", "workflow_job", body, signed).statusCode()).isEqualTo(400);
        for (String refused : new String[] {wrong, sha1, "", null, signed.toUpperCase(java.util.Locale.ROOT)}) {
            HttpResponse<String> response = server.deliver("v-2", "workflow_job", queued("gpu"), refused);
            assertThat(response.statusCode()).as(refused).isEqualTo(401);
            assertThat(json(response).path("error").asText())
                    .isEqualTo("X-Hub-Signature-256 is missing or is not the sha256 signature of the body with the "
                            + "webhook's secret");
        }
        HttpResponse<String> otherSecret = server.deliver("v-3", "workflow_job", queued("gpu"),
                WebhookSignature.of("another secret of 26 chars").sign(queued("gpu")));

        assertThat(otherSecret.statusCode()).isEqualTo(401);
        assertThat(recorded.passes).isEmpty();
        assertThat(recorded.results).containsExactly(DeliveryResult.IGNORED, DeliveryResult.BAD_SIGNATURE,
                DeliveryResult.BAD_SIGNATURE, DeliveryResult.BAD_SIGNATURE, DeliveryResult.BAD_SIGNATURE,
                DeliveryResult.BAD_SIGNATURE, DeliveryResult.BAD_SIGNATURE);
    }

    @Test
    void aRefusedSignatureDoesNotUseUpTheDeliveryId() {
        byte[] body = queued("gpu");
        server.deliver("d-3", "workflow_job", body, "sha256=" + "0".repeat(64));

        assertThat(server.deliver("d-3", "workflow_job", body, WebhookServer.SIGNATURE.sign(body)).statusCode())
                .isEqualTo(202);
        assertThat(recorded.passes).containsExactly("ci for webhook d-3");
    }

    @Test
    void aRepeatedDeliveryIdIsADuplicateAndDoesNothingAgain() throws IOException {
        byte[] body = queued("gpu");
        server.deliver("d-4", "workflow_job", body, WebhookServer.SIGNATURE.sign(body));

        HttpResponse<String> again = server.deliver("d-4", "workflow_job", body, WebhookServer.SIGNATURE.sign(body));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("result").asText()).isEqualTo("duplicate");
        assertThat(json(again).path("message").asText()).isEqualTo("duplicate: delivery d-4 was taken before");
        assertThat(recorded.passes).containsExactly("ci for webhook d-4");
        assertThat(recorded.results).containsExactly(DeliveryResult.ACCEPTED, DeliveryResult.DUPLICATE);
    }

    @Test
    void aDeliveryIdIsRememberedForAnHourThenTakenAgain() {
        byte[] body = queued("gpu");
        server.deliver("d-5", "workflow_job", body, WebhookServer.SIGNATURE.sign(body));
        clock.advance(Deliveries.REMEMBERED.minusSeconds(1));
        server.deliver("d-5", "workflow_job", body, WebhookServer.SIGNATURE.sign(body));
        clock.advance(Duration.ofSeconds(1));

        server.deliver("d-5", "workflow_job", body, WebhookServer.SIGNATURE.sign(body));

        assertThat(recorded.results).containsExactly(DeliveryResult.ACCEPTED, DeliveryResult.DUPLICATE,
                DeliveryResult.ACCEPTED);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413AndNothingIsDone() throws IOException {
        byte[] body = new byte[WebhookHandler.MAX_BODY + 1];
        // Sent without a length, so the server finds out by reading it: it reads no more than the limit and a byte.
        HttpRequest chunked = HttpRequest.newBuilder(server.uri())
                .header(WebhookHandler.DELIVERY_HEADER, "d-6").header(WebhookHandler.EVENT_HEADER, "workflow_job")
                .header(WebhookSignature.HEADER, WebhookServer.SIGNATURE.sign(body))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build();

        HttpResponse<String> response = server.send(chunked);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).path("error").asText()).isEqualTo("the request body is larger than 1048576 bytes");
        assertThat(recorded.passes).isEmpty();
        assertThat(recorded.results).containsExactly(DeliveryResult.TOO_LARGE);
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedBeforeAByteOfItIsSent() throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.uri().getPort())) {
            socket.getOutputStream().write(("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-GitHub-Delivery: d-8\r\nX-GitHub-Event: workflow_job\r\n"
                    + "Content-Length: 26214400\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertThat(status).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        }
        assertThat(recorded.results).containsExactly(DeliveryResult.TOO_LARGE);
    }

    @Test
    void aPingIsAnsweredAndOtherEventsAndActionsAreIgnored() throws IOException {
        HttpResponse<String> ping = server.deliver("ping", "{\"zen\": \"Keep it logically awesome.\"}".getBytes(
                StandardCharsets.UTF_8));
        HttpResponse<String> push = server.deliver("push", "{}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> waiting = server.deliver("workflow_job", Payloads.job("queued", List.of("gpu"), null,
                payload -> payload.put("action", "waiting")));

        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(json(ping).path("message").asText()).isEqualTo("pong");
        assertThat(push.statusCode()).isEqualTo(200);
        assertThat(json(push).path("message").asText()).isEqualTo("event push ignored: fleet acts on workflow_job");
        assertThat(json(waiting).path("message").asText()).isEqualTo("action waiting ignored");
        assertThat(recorded.passes).isEmpty();
        assertThat(recorded.results).containsExactly(DeliveryResult.ACCEPTED, DeliveryResult.IGNORED,
                DeliveryResult.IGNORED);
    }

    @Test
    void aDeliveryWithoutItsIdOrEventOrThatIsNotAJobIsABadRequest() {
        byte[] body = queued("gpu");
        HttpRequest noId = HttpRequest.newBuilder(server.uri()).header(WebhookSignature.HEADER,
                WebhookServer.SIGNATURE.sign(body)).header(WebhookHandler.EVENT_HEADER, "workflow_job")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        byte[] notJson = "queued".getBytes(StandardCharsets.UTF_8);

        assertThat(server.send(noId).statusCode()).isEqualTo(400);
        assertThat(server.deliver("workflow_job", notJson).body()).contains("not a workflow_job delivery: the payload "
                + "is not JSON");
        assertThat(recorded.passes).isEmpty();
    }

    @Test
    void theCompletedJobOfAFleetRunnerRemovesItsRunnerAfterTheAnswerAndCountsTheBillAfterTheJob() throws Exception {
        HttpResponse<String> response = server.deliver("workflow_job", Payloads.job("completed", List.of("gpu"),
                RUNNER));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).path("message").asText())
                .isEqualTo("runner fleet-ci-abcd1234 of pool ci is being removed");
        assertThat(recorded.nextRemoval()).isEqualTo(RUNNER);
        deliveries.close(Duration.ofSeconds(5));
        assertThat(recorded.figures).containsExactly("billed after job ci PT3S");
        assertThat(recorded.passes).isEmpty();
    }

    @Test
    void aRunnerThatWasNotRemovedCountsNoBill() throws Exception {
        recorded.removal = new RunnerRemoval.Removal(RunnerRemoval.Status.BUSY, "ci", "running a job");

        server.deliver("workflow_job", Payloads.job("completed", List.of("gpu"), RUNNER));

        assertThat(recorded.nextRemoval()).isEqualTo(RUNNER);
        deliveries.close(Duration.ofSeconds(5));
        assertThat(recorded.figures).isEmpty();
    }

    @Test
    void theCompletedJobOfAnotherRunnerRemovesNothing() throws IOException {
        HttpResponse<String> hosted = server.deliver("workflow_job", Payloads.job("completed", List.of("gpu"),
                "GitHub Actions 5"));
        server.deliver("workflow_job", Payloads.job("completed", List.of("gpu"), "fleet-other-abcd1234"));
        server.deliver("workflow_job", Payloads.job("completed", List.of("gpu"), null));

        assertThat(json(hosted).path("message").asText())
                .isEqualTo("completed on GitHub Actions 5, not a runner of fleet's");
        deliveries.close(Duration.ofSeconds(5));
        assertThat(recorded.anyRemoval()).isFalse();
        assertThat(recorded.results).containsOnly(DeliveryResult.IGNORED);
    }

    @Test
    void aJobAFleetRunnerStartedRecordsItsQueueWait() throws IOException {
        HttpResponse<String> started = server.deliver("workflow_job", Payloads.job("in_progress", List.of("gpu"),
                RUNNER, payload -> ((ObjectNode) payload.get("workflow_job")).put("created_at", "2021-09-13T02:19:40Z")));
        server.deliver("workflow_job", Payloads.job("in_progress", List.of("gpu"), "GitHub Actions 5"));

        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(json(started).path("message").asText()).isEqualTo("queue wait of 93s recorded for pool ci");
        assertThat(recorded.figures).containsExactly("queue wait ci PT1M33S");
        assertThat(recorded.results).containsExactly(DeliveryResult.ACCEPTED, DeliveryResult.IGNORED);
    }

    @Test
    void withoutASecretWebhooksAreOffAndEveryDeliveryIsAnswered404() throws IOException {
        try (WebhookServer off = new WebhookServer(Optional.empty(), deliveries)) {
            HttpResponse<String> response = off.deliver("workflow_job", queued("gpu"));

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response).path("error").asText())
                    .isEqualTo("webhooks are off: serve was started without FLEET_WEBHOOK_SECRET");
        }
        assertThat(recorded.passes).isEmpty();
    }

    @Test
    void onlyPostIsTaken() {
        HttpResponse<String> get = server.send(HttpRequest.newBuilder(server.uri()).GET().build());

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }
}
