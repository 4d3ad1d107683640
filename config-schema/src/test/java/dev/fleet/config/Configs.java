package dev.fleet.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** A valid config file's text, and copies of it with a few values changed. */
final class Configs {
    static final String VALID = """
            {
              "version": 1,
              "github": {"apiUrl": "https://api.github.com", "auth": "token"},
              "azure": {
                "subscriptionId": "00000000-0000-0000-0000-000000000000",
                "resourceGroup": "fleet-rg",
                "location": "westeurope",
                "sshAllowedCidrs": ["203.0.113.0/24"]
              },
              "pools": [
                {"name": "ci", "repo": "octo/app", "labels": ["linux", "x64"],
                 "scaling": {"minRunners": 1, "maxRunners": 4}}
              ]
            }
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Configs() {
    }

    /**
     * {@link #VALID} with edits applied: pairs of a JSON pointer and the JSON text to put there, or {@code null} to
     * remove the value. A pointer one past the end of an array appends.
     */
    static String with(String... edits) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(VALID);
            for (int i = 0; i < edits.length; i += 2) {
                String pointer = edits[i];
                int slash = pointer.lastIndexOf('/');
                JsonNode parent = root.at(pointer.substring(0, slash));
                String last = pointer.substring(slash + 1);
                JsonNode value = edits[i + 1] == null ? null : JSON.readTree(edits[i + 1]);
                if (parent instanceof ArrayNode array) {
                    int index = Integer.parseInt(last);
                    if (value == null) {
                        array.remove(index);
                    } else if (index == array.size()) {
                        array.add(value);
                    } else {
                        array.set(index, value);
                    }
                } else if (value == null) {
                    ((ObjectNode) parent).remove(last);
                } else {
                    ((ObjectNode) parent).set(last, value);
                }
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
