package dev.fleet.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes the config's JSON. Binding collects every problem it can (syntax, unknown fields, unknown enum
 * values, bad durations, wrong types, each with its line and column), then the {@link ConfigValidator} rules run and
 * their problems are added. Only where binding had to put a default in place of a bad value are the rules skipped:
 * checked against a value the file does not hold, they would report problems that are not there.
 */
public final class ConfigParser {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // "3" for a number would pass here yet fail the JSON Schema in an editor; be as strict as the schema.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // ...and that setting leaves numbers and booleans readable as text: 7 would be a valid "location".
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, null))
            .addModule(new SimpleModule("durations")
                    .addSerializer(Duration.class, new DurationJson.Writer())
                    .addDeserializer(Duration.class, new DurationJson.Reader()))
            .build();

    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private ConfigParser() {
    }

    /** Parses and validates a whole config file's text; throws {@link ConfigException} listing every problem. */
    public static FleetConfig parse(String json) {
        Bound<FleetConfig> bound = bind(json, FleetConfig.class);
        throwIfAny(bound.unknownFields(), ConfigValidator.validate(bound.value()));
        return bound.value();
    }

    /**
     * Parses and validates a standalone {@code scaling} object, as a pool holds it (e.g. {@code {"maxRunners": 4,
     * "cooldown": "2m"}}); problems are named relative to the object ({@code maxRunners: ...}).
     */
    static ScalingSettings parseScaling(String json) {
        Bound<ScalingSettings> bound = bind(json, ScalingSettings.class);
        throwIfAny(bound.unknownFields(), ConfigValidator.validateScaling(bound.value()));
        return bound.value();
    }

    /** The config as the file holds it: pretty-printed, every default written out, ending with a newline. */
    public static String toJson(FleetConfig config) {
        try {
            return PRETTY.writeValueAsString(config) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config records always serialise", e);
        }
    }

    /** Binds the text to the records without the validator's rules: what fails here cannot be represented at all. */
    static FleetConfig read(String json) {
        Bound<FleetConfig> bound = bind(json, FleetConfig.class);
        throwIfAny(bound.unknownFields(), List.of());
        return bound.value();
    }

    private static void throwIfAny(List<ConfigProblem> found, List<ConfigProblem> more) {
        if (!found.isEmpty() || !more.isEmpty()) {
            List<ConfigProblem> problems = new ArrayList<>(found);
            problems.addAll(more);
            throw new ConfigException(problems);
        }
    }

    /** A value that holds everything its text says, except the unknown fields that were skipped to bind it. */
    private record Bound<T>(T value, List<ConfigProblem> unknownFields) {
    }

    /** Throws {@link ConfigException} with every problem found when the text cannot be bound faithfully. */
    private static <T> Bound<T> bind(String json, Class<T> type) {
        if (json.isBlank()) {
            throw new ConfigException(List.of(new ConfigProblem("", "the file is empty; an empty config is {}")));
        }
        SourceMap source;
        try {
            source = SourceMap.of(MAPPER, json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(new ConfigProblem("",
                    "not valid JSON" + SourceMap.at(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()))));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
        Collector collector = new Collector();
        T value = null;
        try {
            value = MAPPER.readerFor(type).withHandler(collector).readValue(json);
            if (value == null && collector.problems.isEmpty()) {
                collector.problems.add(new ConfigProblem("", "must be a JSON object"));
            }
        } catch (JsonMappingException e) {
            String path = path(e.getPath());
            collector.problems.add(new ConfigProblem(path, describe(e, source.string(path))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the text parsed once already", e);
        }
        List<ConfigProblem> problems = collector.problems.stream()
                .map(p -> new ConfigProblem(withPoolName(p.path(), source), p.message() + source.at(p.path())))
                .collect(Collectors.toList());
        if (value == null || collector.replacedAValue) {
            throw new ConfigException(problems);
        }
        return new Bound<>(value, problems);
    }

    /** Binding knows a pool by its index; the validator knows it by name. Use names for both. */
    private static String withPoolName(String path, SourceMap source) {
        if (!path.startsWith("pools[")) {
            return path;
        }
        int end = path.indexOf(']');
        String indexed = path.substring(0, end + 1);
        String name = source.string(indexed + ".name");
        return ConfigValidator.poolLabel(name, Integer.parseInt(path.substring("pools[".length(), end)))
                + path.substring(end + 1);
    }

    /** @param text the string the file holds where binding failed, if it is a string */
    private static String describe(JsonMappingException e, String text) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Object value = e instanceof InvalidFormatException invalid ? invalid.getValue() : text;
            return "expected " + describe(mismatch.getTargetType()) + (value == null ? "" : ", was " + quoted(value));
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String quoted(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    /** Jackson's message without the location it may repeat, which names a redacted source here. */
    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        int marker = line.indexOf(" (start marker at");
        return marker < 0 ? line : line.substring(0, marker);
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            SourceMap.append(path, reference.getFieldName(), reference.getIndex());
        }
        return path.toString();
    }

    static List<String> enumValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(constant -> MAPPER.convertValue(constant, String.class))
                .collect(Collectors.toList());
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + enumValues(type);
        }
        if (type.isRecord()) {
            return "an object";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == Duration.class) {
            return "a duration like \"5m\"";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        return Number.class.isAssignableFrom(type) ? "a whole number" : "a string";
    }

    /**
     * Records a problem and lets binding go on: an unknown field is skipped, a bad value becomes {@code null}, which
     * the record then replaces by its default.
     */
    private static final class Collector extends DeserializationProblemHandler {
        private final List<ConfigProblem> problems = new ArrayList<>();
        private boolean replacedAValue;

        /**
         * A record reads its fields into a buffer until it has every constructor argument, and replays unknown ones
         * from that buffer after the object's end; the real parser then stands in the field that holds the object.
         * Unknown fields after the last argument come straight from the real parser, which stands on their value.
         */
        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
            String known = deserializer.getKnownPropertyNames().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            StringBuilder path;
            if (p == ctxt.getParser()) {
                path = new StringBuilder(SourceMap.path(p));
            } else {
                path = new StringBuilder(SourceMap.path(ctxt.getParser().getParsingContext()));
                SourceMap.append(path, propertyName, -1);
            }
            problems.add(new ConfigProblem(path.toString(),
                    "unknown field \"" + propertyName + "\" (known fields: " + known + ")"));
            p.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
                String failureMsg) {
            String message = targetType.isEnum()
                    ? "unknown value \"" + valueToConvert + "\"; expected one of " + enumValues(targetType)
                    : failureMsg;
            problems.add(new ConfigProblem(SourceMap.path(ctxt.getParser()), message));
            replacedAValue = true;
            return null;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t,
                JsonParser p, String failureMsg) throws IOException {
            problems.add(new ConfigProblem(SourceMap.path(p),
                    "expected " + describe(targetType.getRawClass()) + ", found " + tokenText(t)));
            p.skipChildren();
            replacedAValue = true;
            return null;
        }

        private static String tokenText(JsonToken token) {
            return switch (token) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                default -> String.valueOf(token);
            };
        }
    }
}
