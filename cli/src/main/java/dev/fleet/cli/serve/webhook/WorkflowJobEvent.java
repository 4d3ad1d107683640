package dev.fleet.cli.serve.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of a {@code workflow_job} delivery fleet acts on: what happened to the job, where it runs, the labels its
 * {@code runs-on} names, the runner GitHub gave it, and its times.
 *
 * @param repository   {@code owner/name} ({@code repository.full_name})
 * @param organization {@code organization.login}; for a repository of a user, its owner
 * @param runnerName   the runner it was given; null while it waits for one
 */
record WorkflowJobEvent(String action, String repository, String organization, List<String> labels,
                        String runnerName, Optional<Instant> createdAt, Optional<Instant> startedAt,
                        Optional<Instant> completedAt) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    WorkflowJobEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(organization, "organization");
        labels = List.copyOf(labels);
    }

    /** @throws IllegalArgumentException for a payload that is not a {@code workflow_job} event's JSON */
    static WorkflowJobEvent parse(byte[] payload) {
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("the payload is not JSON");
        }
        JsonNode job = root == null ? null : root.get("workflow_job");
        String action = text(root, "action");
        String repository = text(root == null ? null : root.get("repository"), "full_name");
        if (job == null || !job.isObject() || action == null || repository == null || !repository.contains("/")) {
            throw new IllegalArgumentException("the payload has no action, workflow_job or repository.full_name");
        }
        String organization = Optional.ofNullable(text(root.get("organization"), "login"))
                .orElse(repository.substring(0, repository.indexOf('/')));
        List<String> labels = new ArrayList<>();
        job.path("labels").forEach(label -> {
            if (label.isTextual()) {
                labels.add(label.asText());
            }
        });
        return new WorkflowJobEvent(action, repository, organization, labels, text(job, "runner_name"),
                time(job, "created_at"), time(job, "started_at"), time(job, "completed_at"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private static Optional<Instant> time(JsonNode job, String field) {
        try {
            return Optional.ofNullable(text(job, field)).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
