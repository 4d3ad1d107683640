package dev.fleet.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.autoscaler.DurationText;
import dev.fleet.autoscaler.Policies;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-kept JSON Schema and the records, patterns and defaults must say the same. */
class ConfigSchemaTest {
    private static final Map<Class<?>, String> JSON_TYPES = Map.of(
            String.class, "string", Integer.class, "integer", Long.class, "integer", Boolean.class, "boolean",
            Duration.class, "string");

    private final JsonNode schema = parse(ConfigSchema.json());

    @Test
    void isADraft202012Schema() {
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("type").asText()).isEqualTo("object");
    }

    @Test
    void everyRecordComponentIsAPropertyInItsPlaceAndViceVersa() {
        assertMatches(FleetConfig.class, schema, "config");
    }

    @Test
    void patternsAreTheValidators() {
        Map<String, Pattern> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("/$defs/pool/properties/name/pattern", ConfigValidator.POOL_NAME),
                Map.entry("/$defs/pool/properties/repo/pattern", ConfigValidator.REPO),
                Map.entry("/$defs/pool/properties/org/pattern", ConfigValidator.ORG),
                Map.entry("/$defs/pool/properties/repos/items/pattern", ConfigValidator.REPO_NAME),
                Map.entry("/$defs/pool/properties/labels/items/pattern", ConfigValidator.LABEL),
                Map.entry("/$defs/pool/properties/runnerVersion/pattern", ConfigValidator.RUNNER_VERSION),
                Map.entry("/$defs/azure/properties/subscriptionId/pattern", ConfigValidator.SUBSCRIPTION_ID),
                Map.entry("/$defs/azure/properties/resourceGroup/pattern", ConfigValidator.RESOURCE_GROUP),
                Map.entry("/$defs/azure/properties/location/pattern", ConfigValidator.LOCATION),
                Map.entry("/$defs/azure/properties/vmSize/pattern", ConfigValidator.VM_SIZE),
                Map.entry("/$defs/azure/properties/image/pattern", ConfigValidator.IMAGE),
                Map.entry("/$defs/azure/properties/adminUser/pattern", ConfigValidator.ADMIN_USER),
                Map.entry("/$defs/poolAzure/properties/resourceGroup/pattern", ConfigValidator.RESOURCE_GROUP),
                Map.entry("/$defs/poolAzure/properties/location/pattern", ConfigValidator.LOCATION),
                Map.entry("/$defs/poolAzure/properties/vmSize/pattern", ConfigValidator.VM_SIZE),
                Map.entry("/$defs/poolAzure/properties/image/pattern", ConfigValidator.IMAGE)));
        Map<String, String> inSchema = new TreeMap<>();
        collectPatterns(schema, "", inSchema);
        // These two are checked against the parsers they describe, below.
        inSchema.remove("/$defs/duration/pattern");
        inSchema.remove("/$defs/scaling/properties/policy/pattern");

        assertThat(inSchema.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((pointer, pattern) -> assertThat(inSchema.get(pointer)).as(pointer).isEqualTo(pattern.pattern()));
    }

    @Test
    void aPoolNameIsAsLongAsTheValidatorAllows() {
        assertThat(schema.at("/$defs/pool/properties/name/maxLength").asInt()).isEqualTo(PoolConfig.MAX_NAME_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"90s", "5m", "1h30m", "2d", "250ms", "300", "0s", "1d2h3m4s5ms",
            "", "5 m", "-1h", "1.5h", "m", "5w", "ms5"})
    void durationPatternAcceptsWhatDurationTextParses(String text) {
        assertPatternAgrees("/$defs/duration/pattern", DurationText::parse, text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fleet", "azlin", "min-idle", "min-idle:0", "min-idle:12", "min-idle:123456789",
            "fleet:2", "fleet:90s", "fleet:1h30m", "",
            "Fleet", "azlin:1", "fleet:", "fleet:soon", "fleet:-5s", "min-idle:", "min-idle:-1", "min-idle:1234567890", "greedy"})
    void policyPatternAcceptsWhatPoliciesParses(String text) {
        assertPatternAgrees("/$defs/scaling/properties/policy/pattern", Policies::parse, text);
    }

    /** The schema's pattern at {@code pointer} matches {@code text} exactly when {@code parser} accepts it. */
    private void assertPatternAgrees(String pointer, Consumer<String> parser, String text) {
        boolean parses;
        try {
            parser.accept(text);
            parses = true;
        } catch (IllegalArgumentException e) {
            parses = false;
        }
        assertThat(Pattern.compile(schema.at(pointer).asText()).matcher(text).matches()).as(text).isEqualTo(parses);
    }

    @Test
    void defaultsAreTheRecordsDefaults() {
        JsonNode config = ConfigParser.MAPPER.valueToTree(FleetConfig.defaults());
        assertDefaults(schema, config, "config");
        assertDefaults(def("github"), config.path("github"), "github");
        assertDefaults(def("azure"), config.path("azure"), "azure");
        ObjectNode pool = ConfigParser.MAPPER.valueToTree(
                new PoolConfig("p", "o/r", null, null, null, null, null, null, null, null, null, null, null, null));
        pool.remove(List.of("name", "repo"));
        assertDefaults(def("pool"), pool, "pool");
        assertDefaults(def("poolAzure"), pool.path("azure"), "poolAzure");
        assertDefaults(def("scaling"), pool.path("scaling"), "scaling");
    }

    @Test
    void everyObjectRefusesUnknownProperties() {
        schema.path("$defs").forEach(def -> {
            if ("object".equals(def.path("type").asText())) {
                assertThat(def.path("additionalProperties").asBoolean(true)).isFalse();
            }
        });
    }

    private void assertMatches(Class<?> record, JsonNode node, String where) {
        JsonNode object = resolve(node);
        assertThat(object.path("additionalProperties").asBoolean(true)).as(where + " additionalProperties").isFalse();
        List<String> components = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            components.add(component.getName());
        }
        assertThat(names(object.path("properties"))).as(where).containsExactlyInAnyOrderElementsOf(components);
        for (RecordComponent component : record.getRecordComponents()) {
            String at = where + "." + component.getName();
            JsonNode property = object.path("properties").path(component.getName());
            assertThat(property.has("description") || resolve(property).has("description")).as(at).isTrue();
            Class<?> type = component.getType();
            if (type.isRecord()) {
                assertMatches(type, property, at);
            } else if (type.isEnum()) {
                List<String> values = new ArrayList<>();
                property.path("enum").forEach(value -> values.add(value.asText()));
                assertThat(values).as(at).containsExactlyElementsOf(ConfigParser.enumValues(type));
            } else if (type == List.class) {
                assertThat(property.path("type").asText()).as(at).isEqualTo("array");
                Class<?> element = (Class<?>) ((ParameterizedType) component.getGenericType())
                        .getActualTypeArguments()[0];
                if (element.isRecord()) {
                    assertMatches(element, property.path("items"), at + "[]");
                } else {
                    assertThat(property.path("items").path("type").asText()).as(at).isEqualTo(JSON_TYPES.get(element));
                }
            } else {
                assertThat(resolve(property).path("type").asText()).as(at).isEqualTo(JSON_TYPES.get(type));
            }
        }
    }

    /** Every field the record fills in has the same default in the schema, and the schema names no other default. */
    private void assertDefaults(JsonNode object, JsonNode instance, String where) {
        for (Map.Entry<String, JsonNode> property : object.path("properties").properties()) {
            JsonNode value = instance.path(property.getKey());
            if (value.isObject()) {
                continue;
            }
            JsonNode expected = value.isMissingNode() ? null : value;
            assertThat(property.getValue().get("default")).as(where + "." + property.getKey()).isEqualTo(expected);
        }
    }

    private JsonNode def(String name) {
        return schema.path("$defs").path(name);
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? schema.at(node.path("$ref").asText().substring(1)) : node;
    }

    private static void collectPatterns(JsonNode node, String pointer, Map<String, String> into) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                String at = pointer + "/" + field.getKey();
                if (field.getKey().equals("pattern") && field.getValue().isTextual()) {
                    into.put(at, field.getValue().asText());
                } else {
                    collectPatterns(field.getValue(), at, into);
                }
            });
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode parse(String json) {
        try {
            return ConfigParser.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
