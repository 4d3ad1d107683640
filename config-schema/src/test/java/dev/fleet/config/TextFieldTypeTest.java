package dev.fleet.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A text field holds text: a number or a boolean in its place is a problem, as the JSON Schema says. */
class TextFieldTypeTest {

    @ParameterizedTest(name = "location: {0}")
    @ValueSource(strings = {"7", "7.5", "true"})
    void aNumberOrABooleanIsNoText(String value) {
        String json = "{\"azure\": {\"location\": " + value + "}}";

        assertThatThrownBy(() -> ConfigParser.parse(json)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("azure.location: expected a string");
    }
}
