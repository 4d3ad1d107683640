package dev.fleet.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PoliciesTest {

    static Stream<Arguments> specs() {
        return Stream.of(
                Arguments.of("azlin", new AzlinPolicy()),
                Arguments.of("fleet", new FleetPolicy()),
                Arguments.of("min-idle", new MinIdlePolicy(2)),
                Arguments.of("min-idle:3", new MinIdlePolicy(3)),
                Arguments.of("min-idle:0", new MinIdlePolicy(0)),
                Arguments.of(" fleet ", new FleetPolicy()),
                Arguments.of("fleet:90s", new FleetPolicy(java.time.Duration.ofSeconds(90))),
                Arguments.of("fleet:0s", new FleetPolicy(java.time.Duration.ZERO)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void parsesEachPolicyByItsName(String spec, ScalingPolicy expected) {
        assertThat(Policies.parse(spec)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"Fleet", "garm", "min-idle:", "min-idle:-1", "min-idle:x", "min-idle:9999999999",
        "min-idle 3", "azlin,fleet", "fleet:", "fleet:soon", "fleet:-5s"})
    void rejectsAnUnknownSpecNamingTheAllowedOnes(String spec) {
        assertThatThrownBy(() -> Policies.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("azlin, fleet, min-idle, min-idle:N");
    }

    @Test
    void parsesAListInItsOrder() {
        assertThat(Policies.parseList("azlin, min-idle:1,fleet")).containsExactly(
                new AzlinPolicy(), new MinIdlePolicy(1), new FleetPolicy());
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "azlin,,fleet", "azlin,", "azlin,garm"})
    void rejectsAListWithAnEmptyOrUnknownEntry(String specs) {
        assertThatThrownBy(() -> Policies.parseList(specs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("azlin, fleet, min-idle, min-idle:N");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"azlin, azlin", "fleet, fleet", "fleet:2m, fleet", "fleet:90s, fleet:1m30s", "fleet:0s, fleet:0s",
        "min-idle, min-idle", "min-idle:2, min-idle", "min-idle:3, min-idle:3"})
    void namesEachVariantSoThatResultsSideBySideTellThemApart(String spec, String name) {
        assertThat(Policies.parse(spec).name()).isEqualTo(name);
    }

    @Test
    void defaultsToFleet() {
        assertThat(Policies.defaultPolicy()).isEqualTo(new FleetPolicy());
    }
}
