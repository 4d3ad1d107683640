package dev.fleet.lifecycle.azure;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tags that mark a resource as fleet's: how fleet finds its VMs, and how it knows what it may touch. */
final class FleetTags {

    static final String MANAGED_BY = "managed-by";
    static final String FLEET = "fleet";
    static final String POOL = "fleet-pool";
    static final String RUNNER = "fleet-runner";
    static final String CREATED = "fleet-created";
    /** Where a VM's runner registers: {@code owner/repo}, or an organization. */
    static final String SCOPE = "fleet-scope";

    private FleetTags() {
    }

    /** The request's extra tags with fleet's laid over them, so a pool cannot unmark its own resources. */
    static Map<String, String> of(VmRequest request) {
        Map<String, String> tags = new LinkedHashMap<>(request.extraTags());
        tags.putAll(forPool(request.pool()));
        tags.put(RUNNER, request.name());
        tags.put(CREATED, request.created().toString());
        tags.put(SCOPE, request.scope());
        return tags;
    }

    /** Tags of a resource the whole pool shares (network, NSG). */
    static Map<String, String> forPool(String pool) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(MANAGED_BY, FLEET);
        tags.put(POOL, pool);
        return tags;
    }

    static boolean isFleets(Map<String, String> tags) {
        return tags != null && FLEET.equals(tags.get(MANAGED_BY));
    }

    /** The pool of a resource fleet tagged as one pool's; {@code null} for any other. */
    static String pool(Map<String, String> tags) {
        return isFleets(tags) ? tags.get(POOL) : null;
    }

    static boolean inPool(Map<String, String> tags, String pool) {
        return isFleets(tags) && pool.equals(tags.get(POOL));
    }

    /** Whether these are the tags {@code request} gave its VM, rather than those of an earlier VM of that name. */
    static boolean createdBy(Map<String, String> tags, VmRequest request) {
        return inPool(tags, request.pool()) && request.name().equals(tags.get(RUNNER))
                && request.created().toString().equals(tags.get(CREATED));
    }

    static Instant created(Map<String, String> tags) {
        String value = tags.get(CREATED);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
