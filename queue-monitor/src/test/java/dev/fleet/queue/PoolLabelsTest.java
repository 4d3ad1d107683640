package dev.fleet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolLabelsTest {

    @ParameterizedTest(name = "job [{0}], pool [{1}], no defaults {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "self-hosted                 |          | false | true",
        "self-hosted;linux;x64       |          | false | true",
        "SELF-HOSTED;Linux;X64;gpu   | gpu      | false | true",
        "self-hosted;GPU             | gpu      | false | true",
        "self-hosted;gpu             |          | false | false",
        "self-hosted;gpu;large       | gpu      | false | false",
        "ubuntu-latest               |          | false | false",
        "ubuntu-latest               | gpu      | false | false",
        "self-hosted                 | gpu      | true  | false",
        "gpu                         | gpu      | true  | true",
        "gpu;Linux                   | gpu      | true  | false",
        "gpu;Linux                   | gpu;linux| true  | true",
        "''                          |          | false | false",
    })
    void acceptsAJobOnlyWhenItsRunnersCarryEveryLabelItAsksFor(
            String jobLabels, String poolLabels, boolean noDefaultLabels, boolean accepted) {
        PoolLabels labels = new PoolLabels(Pools.repo("o/r", split(poolLabels), noDefaultLabels).runnerLabels());

        assertThat(labels.accepts(split(jobLabels))).isEqualTo(accepted);
    }

    private static List<String> split(String labels) {
        return labels == null || labels.isEmpty() ? List.of() : Arrays.asList(labels.split(";"));
    }
}
