package dev.fleet.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Response bodies shaped like GitHub's documented examples, with as many items as a test needs. */
final class GitHubBodies {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GitHubBodies() {
    }

    /** A page of the runners list: {@code count} runners with ids from {@code firstId}, like runner-paginated.json. */
    static String runnersPage(int totalCount, long firstId, int count) {
        return page("runner-paginated.json", "runners", totalCount, firstId, count);
    }

    /** A page of a run's jobs, like job-paginated.json. */
    static String jobsPage(int totalCount, long firstId, int count) {
        return page("job-paginated.json", "jobs", totalCount, firstId, count);
    }

    /** A page of workflow runs, like workflow-run-paginated.json. */
    static String runsPage(int totalCount, long firstId, int count) {
        return page("workflow-run-paginated.json", "workflow_runs", totalCount, firstId, count);
    }

    /** An installation access token, with the documented fields that matter here. */
    static String installationToken(String token, String expiresAt) {
        return "{\"token\":\"" + token + "\",\"expires_at\":\"" + expiresAt
                + "\",\"permissions\":{\"administration\":\"write\"},\"repository_selection\":\"selected\"}";
    }

    /**
     * A list of webhook deliveries like hook-delivery-items.json, each {@code id guid delivered_at status_code
     * redelivery} (space separated) laid over the example's first item.
     */
    static String deliveries(String... deliveries) {
        ObjectNode template = (ObjectNode) tree(Fixtures.github("hook-delivery-items.json")).get(0);
        ArrayNode items = MAPPER.createArrayNode();
        for (String delivery : deliveries) {
            String[] field = delivery.split(" ");
            ObjectNode item = template.deepCopy();
            item.put("id", Long.parseLong(field[0]));
            item.put("guid", field[1]);
            item.put("delivered_at", field[2]);
            item.put("status_code", Integer.parseInt(field[3]));
            item.put("redelivery", Boolean.parseBoolean(field[4]));
            item.put("event", "workflow_job");
            item.put("action", "queued");
            items.add(item);
        }
        return items.toString();
    }

    /** One delivery like hook-delivery.json, with its id, its X-GitHub-Delivery guid and its payload. */
    static String delivery(long id, String guid, String payload) {
        ObjectNode delivery = (ObjectNode) tree(Fixtures.github("hook-delivery.json"));
        delivery.put("id", id);
        delivery.put("guid", guid);
        delivery.put("event", "workflow_job");
        delivery.put("action", "queued");
        ObjectNode request = (ObjectNode) delivery.get("request");
        ((ObjectNode) request.get("headers")).put("X-GitHub-Delivery", guid);
        request.set("payload", tree(payload));
        return delivery.toString();
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String page(String fixture, String field, int totalCount, long firstId, int count) {
        ObjectNode page = (ObjectNode) tree(Fixtures.github(fixture));
        ObjectNode template = (ObjectNode) page.get(field).get(0);
        ArrayNode items = MAPPER.createArrayNode();
        for (int i = 0; i < count; i++) {
            ObjectNode item = template.deepCopy();
            item.put("id", firstId + i);
            item.put("name", field + "-" + (firstId + i));
            items.add(item);
        }
        page.put("total_count", totalCount);
        page.set(field, items);
        return page.toString();
    }
}
