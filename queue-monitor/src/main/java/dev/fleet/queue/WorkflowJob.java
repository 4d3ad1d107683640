package dev.fleet.queue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The part of a GitHub workflow job the queue reads. Times stay text until used: GitHub writes them with {@code Z} or
 * with an offset, and reading them here keeps this independent of how the client's mapper handles dates.
 *
 * @param labels     the job's {@code runs-on} labels
 * @param runnerName the runner GitHub gave the job to; null until it gave it to one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record WorkflowJob(
        long id,
        @JsonProperty("run_id") long runId,
        String status,
        String conclusion,
        List<String> labels,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("runner_name") String runnerName) {

    static final String QUEUED = "queued";
    static final String IN_PROGRESS = "in_progress";
    static final String COMPLETED = "completed";
    static final String SKIPPED = "skipped";

    WorkflowJob {
        Objects.requireNonNull(status, "status");
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /**
     * When GitHub queued the job. Older GitHub Enterprise Server versions (and the REST description's own example)
     * leave out {@code created_at}; a job that has not started carries its creation time in {@code started_at}, so that
     * stands in. A job with neither counts as queued at {@code fallback}.
     */
    Instant queuedAt(Instant fallback) {
        String text = createdAt != null ? createdAt : startedAt;
        return text == null ? fallback : OffsetDateTime.parse(text).toInstant();
    }

    /** Whether a runner has the job, or may take it now. */
    boolean active() {
        return QUEUED.equals(status) || IN_PROGRESS.equals(status);
    }

    /**
     * Whether the job reached the runners' queue. {@code waiting} (an environment awaiting approval), {@code pending}
     * (a concurrency group holding it back) and {@code requested} (not yet queued) jobs cannot be taken by any runner
     * yet; a job skipped by its {@code if} completes without ever being queued.
     */
    boolean reachedQueue() {
        return switch (status) {
            case QUEUED, IN_PROGRESS -> true;
            case COMPLETED -> !SKIPPED.equals(conclusion);
            default -> false;
        };
    }
}
