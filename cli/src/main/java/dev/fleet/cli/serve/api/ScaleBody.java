package dev.fleet.cli.serve.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.OptionalInt;

/** The body of {@code POST pools/{pool}/scale}: {@code {"count": N}} or {@code {"auto": true}}. */
final class ScaleBody {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A body that does not say a size: one line naming the field and the rule, answered 400. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private ScaleBody() {
    }

    /**
     * The count to keep, or empty for {@code auto}.
     *
     * @throws Malformed naming the field and the rule it breaks
     */
    static OptionalInt parse(byte[] body) {
        JsonNode root = read(body);
        if (!root.isObject()) {
            throw new Malformed("body: must be a JSON object, {\"count\": N} or {\"auto\": true}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("count") && !name.equals("auto")) {
                throw new Malformed(name + ": unknown field; the body takes count or auto");
            }
        }
        JsonNode count = root.get("count");
        JsonNode auto = root.get("auto");
        if (count != null && auto != null) {
            throw new Malformed("body: takes count or auto, not both");
        }
        if (count != null) {
            if (!count.isIntegralNumber() || !count.canConvertToInt()) {
                throw new Malformed("count: must be a whole number of runners, was " + count);
            }
            return OptionalInt.of(count.intValue());
        }
        if (auto != null) {
            if (!auto.isBoolean() || !auto.booleanValue()) {
                throw new Malformed("auto: must be true (to hand the pool back to its scaling policy), was " + auto);
            }
            return OptionalInt.empty();
        }
        throw new Malformed("body: must hold count (a number of runners) or auto (true)");
    }

    /** Jackson's first line, without where it started reading: the line and column say where. */
    private static String what(JsonProcessingException e) {
        String first = e.getOriginalMessage().lines().findFirst().orElse("");
        int marker = first.indexOf(" (start marker at");
        return marker < 0 ? first : first.substring(0, marker);
    }

    private static JsonNode read(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new Malformed("body: empty; send {\"count\": N} or {\"auto\": true}");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new Malformed("body: not JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": " + what(e));
        } catch (IOException e) {
            throw new Malformed("body: unreadable: " + e.getMessage());
        }
    }
}
