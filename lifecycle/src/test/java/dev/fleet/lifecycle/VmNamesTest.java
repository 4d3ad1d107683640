package dev.fleet.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.config.PoolConfig;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VmNamesTest {

    @Test
    void namesAVmAfterItsPoolWithARandomSuffix() {
        assertThat(VmNames.next("linux")).matches("fleet-linux-[a-z0-9]{8}");
    }

    @Test
    void makesAPoolNameValidForALinuxVmAndItsHostName() {
        assertThat(VmNames.next("GPU_Builds")).matches("fleet-gpu-builds-[a-z0-9]{8}");
    }

    @Test
    void theLongestPoolNameTheConfigAllowsMakesANameOfExactly64Characters() {
        String name = VmNames.next("p".repeat(PoolConfig.MAX_NAME_LENGTH));

        assertThat(name).hasSize(VmNames.MAX_LENGTH).matches("fleet-p+-[a-z0-9]{8}");
    }

    @Test
    void aLongerPoolNameIsRefusedRatherThanCut() {
        assertThatThrownBy(() -> VmNames.next("p".repeat(PoolConfig.MAX_NAME_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("would not fit");
    }

    @Test
    void givesEveryVmItsOwnName() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            names.add(VmNames.next("linux"));
        }
        assertThat(names).hasSize(1000);
    }

    @Test
    void aPoolOwnsEveryNameItCouldHaveMade() {
        assertThat(VmNames.isNameFor("GPU_Builds", VmNames.next("GPU_Builds"))).isTrue();
        String longPool = "p".repeat(PoolConfig.MAX_NAME_LENGTH);
        assertThat(VmNames.isNameFor(longPool, VmNames.next(longPool))).isTrue();
    }

    @Test
    void twoLongPoolNamesThatShareAPrefixNeverShareNames() {
        String one = "p".repeat(PoolConfig.MAX_NAME_LENGTH);
        String other = "p".repeat(PoolConfig.MAX_NAME_LENGTH - 1) + "q";

        assertThat(VmNames.isNameFor(one, VmNames.next(other))).isFalse();
        assertThat(VmNames.isNameFor(other, VmNames.next(one))).isFalse();
    }

    @Test
    void aPoolDoesNotOwnTheNamesOfAPoolWhoseNameItPrefixes() {
        assertThat(VmNames.isNameFor("ci", "fleet-ci-big-abcd1234")).isFalse();
        assertThat(VmNames.isNameFor("ci-big", "fleet-ci-abcd1234")).isFalse();
        assertThat(VmNames.isNameFor("ci", "fleet-cix-abcd1234")).isFalse();
    }

    @Test
    void aNameOwnedByAPoolEndsInExactlyTheRandomSuffix() {
        assertThat(VmNames.isNameFor("ci", "fleet-ci-abcd1234")).isTrue();
        assertThat(VmNames.isNameFor("ci", "fleet-ci-abcd123")).isFalse();
        assertThat(VmNames.isNameFor("ci", "fleet-ci-abcd12345")).isFalse();
        assertThat(VmNames.isNameFor("ci", "fleet-ci-ABCD1234")).isFalse();
        assertThat(VmNames.isNameFor("ci", "my-fleet-ci-abcd1234")).isFalse();
        assertThat(VmNames.isNameFor("ci", "ci-abcd1234")).isFalse();
    }
}
