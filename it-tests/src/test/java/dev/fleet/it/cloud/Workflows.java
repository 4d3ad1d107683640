package dev.fleet.it.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fake GitHub's workflow runs and their jobs. A run's status follows its jobs', as on GitHub: queued until one
 * starts, completed once all are. Not thread-safe: the fake GitHub calls it under its own lock.
 */
final class Workflows {
    static final String QUEUED = "queued";
    static final String IN_PROGRESS = "in_progress";
    static final String COMPLETED = "completed";

    private static final class Job {
        final long id;
        final long runId;
        final List<String> labels;
        final Instant created;
        String status = QUEUED;
        Long runnerId;
        String runnerName;
        Instant started;
        Instant completed;

        Job(long id, long runId, List<String> labels, Instant created) {
            this.id = id;
            this.runId = runId;
            this.labels = List.copyOf(labels);
            this.created = created;
        }
    }

    private record Run(long id, String repo, Instant created) {
    }

    private final Map<Long, Run> runs = new LinkedHashMap<>();
    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private long nextRun = 9_000;
    private long nextJob = 70_000;

    /** One new run of {@code count} queued jobs, each asking for {@code labels}; returns the run's id. */
    long queue(String repo, int count, List<String> labels) {
        Instant now = now();
        Run run = new Run(nextRun++, repo, now);
        runs.put(run.id(), run);
        for (int i = 0; i < count; i++) {
            Job job = new Job(nextJob++, run.id(), labels, now);
            jobs.put(job.id, job);
        }
        return run.id();
    }

    /** The oldest queued job {@code runner} can take starts on it; returns the job's id. */
    long start(RunnerRegistry.Runner runner) {
        Job job = jobs.values().stream().filter(candidate -> candidate.status.equals(QUEUED))
                .filter(candidate -> runner.serves(candidate.labels)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no queued job that runner " + runner.name
                        + " with labels " + runner.labels + " could take"));
        job.status = IN_PROGRESS;
        job.runnerId = runner.id;
        job.runnerName = runner.name;
        job.started = now();
        return job.id;
    }

    /** The job running on {@code runner} completes with success. */
    void finish(String runner) {
        Job job = jobs.values().stream()
                .filter(candidate -> candidate.status.equals(IN_PROGRESS) && runner.equals(candidate.runnerName))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("runner " + runner + " runs no job"));
        job.status = COMPLETED;
        job.completed = now();
    }

    /** The repository's runs with that status (all when null), newest first, as GitHub lists them. */
    List<JsonNode> runs(String repo, String status, String baseUrl) {
        List<JsonNode> found = new ArrayList<>();
        for (Run run : runs.values()) {
            if (run.repo().equalsIgnoreCase(repo) && (status == null || status.equals(status(run)))) {
                found.add(0, runJson(run, baseUrl));
            }
        }
        return found;
    }

    /** The jobs of one of the repository's runs; empty when there is no such run. */
    Optional<List<JsonNode>> jobs(String repo, long runId, String baseUrl) {
        Run run = runs.get(runId);
        if (run == null || !run.repo().equalsIgnoreCase(repo)) {
            return Optional.empty();
        }
        return Optional.of(jobs.values().stream().filter(job -> job.runId == runId)
                .map(job -> jobJson(job, run, baseUrl)).toList());
    }

    private String status(Run run) {
        List<String> statuses = jobs.values().stream().filter(job -> job.runId == run.id())
                .map(job -> job.status).toList();
        if (statuses.stream().allMatch(COMPLETED::equals)) {
            return COMPLETED;
        }
        return statuses.stream().allMatch(QUEUED::equals) ? QUEUED : IN_PROGRESS;
    }

    /** Shaped on the documented {@code workflow-run-paginated} example's run. */
    private JsonNode runJson(Run run, String baseUrl) {
        ObjectNode body = (ObjectNode) Fixtures.load("github/workflow-run-paginated.json").path("workflow_runs").get(0);
        String status = status(run);
        String url = baseUrl + "/repos/" + run.repo() + "/actions/runs/" + run.id();
        body.put("id", run.id()).put("status", status).put("created_at", run.created().toString())
                .put("updated_at", now().toString()).put("url", url).put("jobs_url", url + "/jobs");
        if (status.equals(COMPLETED)) {
            body.put("conclusion", "success");
        } else {
            body.putNull("conclusion");
        }
        return body;
    }

    /** Shaped on the documented {@code job} example. */
    private static JsonNode jobJson(Job job, Run run, String baseUrl) {
        ObjectNode body = (ObjectNode) Fixtures.load("github/job.json");
        body.put("id", job.id).put("run_id", job.runId)
                .put("run_url", baseUrl + "/repos/" + run.repo() + "/actions/runs/" + job.runId)
                .put("url", baseUrl + "/repos/" + run.repo() + "/actions/jobs/" + job.id)
                .put("status", job.status).put("created_at", job.created.toString())
                .put("name", "job-" + job.id);
        time(body, "started_at", job.started);
        time(body, "completed_at", job.completed);
        if (job.status.equals(COMPLETED)) {
            body.put("conclusion", "success");
        } else {
            body.putNull("conclusion");
        }
        body.set("labels", Fixtures.JSON.valueToTree(job.labels));
        body.putArray("steps");
        if (job.runnerId == null) {
            body.putNull("runner_id").putNull("runner_name").putNull("runner_group_id").putNull("runner_group_name");
        } else {
            body.put("runner_id", job.runnerId).put("runner_name", job.runnerName).put("runner_group_id", 1)
                    .put("runner_group_name", "Default");
        }
        return body;
    }

    private static void time(ObjectNode body, String field, Instant value) {
        if (value == null) {
            body.putNull(field);
        } else {
            body.put(field, value.toString());
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
