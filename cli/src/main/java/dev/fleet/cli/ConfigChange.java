package dev.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.cli.command.Json;
import dev.fleet.config.ConfigParser;
import dev.fleet.config.FleetConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One field that differs between two configs, named as the validator names it ({@code pools[ci].scaling.maxRunners})
 * with its value before and after, each null where the file leaves the field out. Lists count as one value.
 */
record ConfigChange(String path, JsonNode before, JsonNode after) {

    /** Every field of {@code before} and {@code after} whose value differs, in the order the file holds them. */
    static List<ConfigChange> between(FleetConfig before, FleetConfig after) {
        Map<String, JsonNode> old = fields(before);
        Map<String, JsonNode> now = fields(after);
        Set<String> paths = new LinkedHashSet<>(old.keySet());
        paths.addAll(now.keySet());
        List<ConfigChange> changes = new ArrayList<>();
        for (String path : paths) {
            if (!Objects.equals(old.get(path), now.get(path))) {
                changes.add(new ConfigChange(path, old.get(path), now.get(path)));
            }
        }
        return changes;
    }

    /** {@code 4 -> 8}, {@code unset -> "westeurope"}. */
    String fromTo() {
        return text(before) + " -> " + text(after);
    }

    private static String text(JsonNode value) {
        return value == null ? "unset" : value.toString();
    }

    /** Leaf values by path, with every default written out so that an omitted default is no change. */
    private static Map<String, JsonNode> fields(FleetConfig config) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        collect("", Json.read(ConfigParser.toJson(config)), fields);
        return fields;
    }

    private static void collect(String path, JsonNode node, Map<String, JsonNode> fields) {
        if (path.equals("pools")) {
            node.forEach(pool -> collect("pools[" + pool.path("name").asText() + "]", pool, fields));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collect(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), fields);
            }
        } else {
            fields.put(path, node);
        }
    }
}
