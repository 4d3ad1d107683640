package dev.fleet.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

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
    void cutsALongPoolNameSoTheNameFitsIn64CharactersWithItsWholeSuffix() {
        String name = VmNames.next("p".repeat(100));

        assertThat(name).hasSize(VmNames.MAX_LENGTH).matches("fleet-p+-[a-z0-9]{8}");
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
        assertThat(VmNames.belongsTo("GPU_Builds", VmNames.next("GPU_Builds"))).isTrue();
        String longPool = "p".repeat(100);
        assertThat(VmNames.belongsTo(longPool, VmNames.next(longPool))).isTrue();
    }

    @Test
    void aPoolDoesNotOwnTheNamesOfAPoolWhoseNameItPrefixes() {
        assertThat(VmNames.belongsTo("ci", "fleet-ci-big-abcd1234")).isFalse();
        assertThat(VmNames.belongsTo("ci-big", "fleet-ci-abcd1234")).isFalse();
        assertThat(VmNames.belongsTo("ci", "fleet-cix-abcd1234")).isFalse();
    }

    @Test
    void aNameOwnedByAPoolEndsInExactlyTheRandomSuffix() {
        assertThat(VmNames.belongsTo("ci", "fleet-ci-abcd1234")).isTrue();
        assertThat(VmNames.belongsTo("ci", "fleet-ci-abcd123")).isFalse();
        assertThat(VmNames.belongsTo("ci", "fleet-ci-abcd12345")).isFalse();
        assertThat(VmNames.belongsTo("ci", "fleet-ci-ABCD1234")).isFalse();
        assertThat(VmNames.belongsTo("ci", "my-fleet-ci-abcd1234")).isFalse();
        assertThat(VmNames.belongsTo("ci", "ci-abcd1234")).isFalse();
    }
}
