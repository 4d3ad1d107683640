package dev.fleet.cli.serve.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * GitHub's example {@code workflow_job} payloads (copied from the shared fixtures, see
 * {@code src/test/resources/github/webhooks/SOURCE.md}), made to name this test's repository, labels and runner.
 */
final class Payloads {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REPO = "octo/app";

    private Payloads() {
    }

    static ObjectNode fixture(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/github/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GitHub's example delivery of {@code action}, for a job of {@link #REPO} with these labels and runner. */
    static byte[] job(String action, List<String> labels, String runner) {
        return job(action, labels, runner, payload -> { });
    }

    static byte[] job(String action, List<String> labels, String runner, Consumer<ObjectNode> change) {
        String file = switch (action) {
            case "queued" -> "queued.payload.json";
            case "in_progress" -> "in_progress.payload.json";
            case "completed" -> "completed.success.with-organization.payload.json";
            default -> throw new IllegalArgumentException(action);
        };
        ObjectNode payload = fixture(file);
        ((ObjectNode) payload.get("repository")).put("full_name", REPO);
        payload.remove("organization");
        ObjectNode job = (ObjectNode) payload.get("workflow_job");
        job.putArray("labels").addAll(labels.stream().map(JSON.getNodeFactory()::textNode).toList());
        if (runner == null) {
            job.putNull("runner_name");
        } else {
            job.put("runner_name", runner);
        }
        change.accept(payload);
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
