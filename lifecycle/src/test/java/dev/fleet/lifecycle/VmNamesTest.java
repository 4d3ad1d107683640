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
}
