package dev.fleet.queue;

import static dev.fleet.queue.Jobs.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsGitHubsExampleJob() throws IOException {
        WorkflowJob job = read("github/job.json");

        assertThat(job).isEqualTo(new WorkflowJob(399444496L, 29679449L, "completed", "success",
                List.of("self-hosted", "foo", "bar"), null, "2020-01-20T17:42:40Z", "my runner"));
    }

    @Test
    void readsAQueuedJobFromAWebhookPayload() throws IOException {
        WorkflowJob job = JSON.treeToValue(
                JSON.readTree(resource("github/queued.payload.json")).get("workflow_job"), WorkflowJob.class);

        assertThat(job.status()).isEqualTo("queued");
        assertThat(job.runId()).isEqualTo(2202229078L);
        assertThat(job.labels()).containsExactly("ubuntu-latest");
        assertThat(job.queuedAt(NOW)).isEqualTo(Instant.parse("2021-09-13T02:21:13Z"));
    }

    @Test
    void aJobWaitingForAnEnvironmentsApprovalHasNotReachedTheQueue() throws IOException {
        WorkflowJob job = JSON.treeToValue(
                JSON.readTree(resource("github/waiting.payload.json")).get("workflow_job"), WorkflowJob.class);

        assertThat(job.status()).isEqualTo("waiting");
        assertThat(job.labels()).containsExactly("self-hosted", "k8s");
        assertThat(job.reachedQueue()).isFalse();
    }

    @Test
    void takesTheQueueTimeFromCreatedAtThenStartedAtThenTheFallback() {
        assertThat(new WorkflowJob(1, 1, "queued", null, null, "2019-08-08T08:00:00-07:00", "2030-01-01T00:00:00Z",
                null)
                .queuedAt(NOW)).isEqualTo(Instant.parse("2019-08-08T15:00:00Z"));
        assertThat(new WorkflowJob(1, 1, "queued", null, null, null, "2020-01-20T17:42:40Z", null).queuedAt(NOW))
                .isEqualTo(Instant.parse("2020-01-20T17:42:40Z"));
        assertThat(new WorkflowJob(1, 1, "queued", null, null, null, null, null).queuedAt(NOW)).isEqualTo(NOW);
    }

    @Test
    void aJobWithoutLabelsHasNone() {
        assertThat(new WorkflowJob(1, 1, "queued", null, null, null, null, null).labels()).isEmpty();
    }

    @Test
    void refusesAJobWithoutStatus() {
        assertThatThrownBy(() -> new WorkflowJob(1, 1, null, null, List.of(), null, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("status");
    }

    private static WorkflowJob read(String path) throws IOException {
        try (InputStream in = resource(path)) {
            return JSON.readValue(in, WorkflowJob.class);
        }
    }

    private static InputStream resource(String path) {
        return WorkflowJobTest.class.getClassLoader().getResourceAsStream(path);
    }
}
