package dev.fleet.queue;

import java.time.Instant;
import java.util.List;

/** Workflow jobs for tests. */
final class Jobs {
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private Jobs() {
    }

    static WorkflowJob job(long id, long runId, String status, Instant createdAt, String... labels) {
        return new WorkflowJob(id, runId, status, null, List.of(labels), createdAt.toString(), null, null);
    }

    /** A job GitHub gave to {@code runner}. */
    static WorkflowJob taken(long id, String status, String runner) {
        return new WorkflowJob(id, 1, status, null, List.of("self-hosted"), NOW.toString(), NOW.toString(), runner);
    }

    static WorkflowJob queued(long id, long runId, Instant createdAt) {
        return job(id, runId, WorkflowJob.QUEUED, createdAt, "self-hosted");
    }
}
