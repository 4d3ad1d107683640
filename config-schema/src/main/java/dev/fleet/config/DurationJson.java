package dev.fleet.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import dev.fleet.autoscaler.DurationText;
import java.io.IOException;
import java.time.Duration;

/** Durations in the file are text ("300s", "5m", "24h") read and written by {@link DurationText}. */
final class DurationJson {
    private DurationJson() {
    }

    static final class Reader extends StdScalarDeserializer<Duration> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            String text = p.getText();
            try {
                return DurationText.parse(text);
            } catch (IllegalArgumentException e) {
                // Goes through the problem handler, so one bad duration does not hide the file's other problems.
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, "%s", e.getMessage());
            }
        }
    }

    static final class Writer extends StdScalarSerializer<Duration> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(DurationText.format(value));
        }
    }
}
