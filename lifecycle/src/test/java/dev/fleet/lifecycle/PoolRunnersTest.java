package dev.fleet.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.github.RunnerInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoolRunnersTest {
    private static final String NAME = "fleet-ci-2-abcd1234";

    private static RunnerInfo registered(String name, String... labels) {
        return new RunnerInfo(1, name, RunnerInfo.Status.OFFLINE, false, true, List.of(labels));
    }

    @Test
    void aPoolOwnsARegistrationOfItsNameThatCarriesItsLabelInAnyCase() {
        assertThat(PoolRunners.owns("ci-2", registered(NAME, "self-hosted", "fleet-pool-ci-2"), Set.of())).isTrue();
        assertThat(PoolRunners.owns("ci-2", registered(NAME, "FLEET-POOL-CI-2"), Set.of())).isTrue();
    }

    @Test
    void theLabelOfAPoolWhoseNameHasTheSameStemIsNotItsOwn() {
        assertThat(PoolRunners.owns("ci_2", registered(NAME, "fleet-pool-ci-2"), Set.of())).isFalse();
        assertThat(PoolRunners.owns("ci-2", registered(NAME, "fleet-pool-ci_2"), Set.of())).isFalse();
    }

    @Test
    void aRegistrationWithoutTheLabelIsThePoolsOnlyWhenAVmOfThePoolHasItsName() {
        assertThat(PoolRunners.owns("ci-2", registered(NAME, "self-hosted"), Set.of())).isFalse();
        assertThat(PoolRunners.owns("ci-2", registered(NAME, "self-hosted"), Set.of(NAME))).isTrue();
    }

    @Test
    void theLabelDoesNotMakeARegistrationOfAnotherNameThePools() {
        assertThat(PoolRunners.owns("ci", registered(NAME, "fleet-pool-ci"), Set.of())).isFalse();
        assertThat(PoolRunners.owns("ci", registered("ci-runner-1", "fleet-pool-ci"), Set.of())).isFalse();
    }

    @Test
    void theLabelNamesThePoolExactly() {
        assertThat(PoolRunners.label("GPU_Builds")).isEqualTo("fleet-pool-GPU_Builds");
    }
}
