package dev.fleet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicySpecTest {
    @ParameterizedTest
    @ValueSource(strings = {"fleet", "azlin", "min-idle", "min-idle:0", "min-idle:12"})
    void printsBackWhatItParsed(String text) {
        assertThat(PolicySpec.parse(text)).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Fleet", "azlin:1", "min-idle:", "min-idle:-1", "min-idle:1234567890", "greedy"})
    void rejectsUnknownSpecs(String text) {
        assertThatThrownBy(() -> PolicySpec.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a scaling policy; use fleet, azlin, min-idle or min-idle:N");
    }

    @org.junit.jupiter.api.Test
    void constructorKeepsTheSameRules() {
        assertThat(PolicySpec.parse("min-idle:3").argument()).isEqualTo(OptionalInt.of(3));
        assertThatThrownBy(() -> new PolicySpec("greedy", OptionalInt.empty()))
                .hasMessageContaining("unknown scaling policy 'greedy'");
        assertThatThrownBy(() -> new PolicySpec("fleet", OptionalInt.of(1)))
                .hasMessageContaining("only min-idle takes an argument");
        assertThatThrownBy(() -> new PolicySpec("min-idle", OptionalInt.of(-1)))
                .hasMessageContaining("only min-idle takes an argument");
    }
}
