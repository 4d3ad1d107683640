package dev.fleet.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each field and array element of a JSON text starts, keyed by its path ({@code pools[0].scaling.cooldown}),
 * and the text of string values. Jackson replays unknown properties of records from a buffer that has lost its
 * location, so problems get their line and column from this map, made in a streaming pass before binding.
 */
final class SourceMap {
    private final Map<String, JsonLocation> locations = new HashMap<>();
    private final Map<String, String> strings = new HashMap<>();

    private SourceMap() {
    }

    /** Reads the whole text; a syntax error, a duplicate key or trailing content throws, with its location. */
    static SourceMap of(ObjectMapper mapper, String json) throws IOException {
        SourceMap map = new SourceMap();
        try (JsonParser p = mapper.createParser(json)) {
            JsonToken token = p.nextToken();
            int depth = 0;
            do {
                String path = path(p);
                if (!token.isStructEnd()) {
                    map.locations.putIfAbsent(path, p.currentTokenLocation());
                }
                if (token == JsonToken.VALUE_STRING) {
                    map.strings.put(path, p.getText());
                }
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                token = p.nextToken();
            } while (depth > 0 && token != null);
            if (token != null) {
                throw new JsonParseException(p, "unexpected content after the end of the config",
                        p.currentTokenLocation());
            }
        }
        return map;
    }

    /** Where the value at {@code path} starts, as " at line L, column C", or nothing when it is not in the text. */
    String at(String path) {
        return at(locations.get(path));
    }

    static String at(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    String string(String path) {
        return strings.get(path);
    }

    /** The path of the parser's current token; a container's opening bracket belongs to the field that holds it. */
    static String path(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        if (p.currentToken() != null && p.currentToken().isStructStart()) {
            context = context.getParent();
        }
        return path(context);
    }

    static String path(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c : chain) {
            append(path, c.inObject() ? c.getCurrentName() : null, c.inArray() ? c.getCurrentIndex() : -1);
        }
        return path.toString();
    }

    static void append(StringBuilder path, String field, int index) {
        if (field != null) {
            path.append(path.length() == 0 ? "" : ".").append(field);
        } else if (index >= 0) {
            path.append('[').append(index).append(']');
        }
    }
}
