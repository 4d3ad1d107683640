package dev.fleet.lifecycle.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The planner stays pure: its package reads values only, never a client of Azure or GitHub, a file, a clock or a log.
 * Checked on the source, so a new import that would let I/O in fails here first.
 */
class PlanPurityTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/fleet/lifecycle/plan");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
    private static final List<String> ALLOWED_PACKAGES = List.of("java.time.", "java.util.", "dev.fleet.autoscaler.",
            "dev.fleet.lifecycle.plan.");
    /** Value types of the other modules: records and enums without a side effect. */
    private static final Set<String> ALLOWED_TYPES = Set.of("dev.fleet.config.PoolConfig", "dev.fleet.github.RunnerInfo",
            "dev.fleet.github.RunnerScope", "dev.fleet.lifecycle.azure.VmInfo", "dev.fleet.lifecycle.azure.FleetResource",
            "dev.fleet.lifecycle.PoolRunners", "dev.fleet.queue.PoolQueue");

    @Test
    void thePlanPackageImportsOnlyValues() throws IOException {
        List<String> imports;
        try (Stream<Path> files = Files.list(SOURCES)) {
            imports = files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(PlanPurityTest::importsOf)
                    .distinct()
                    .toList();
        }

        assertThat(imports).isNotEmpty().allSatisfy(imported -> assertThat(
                ALLOWED_TYPES.contains(imported) || ALLOWED_PACKAGES.stream().anyMatch(imported::startsWith))
                .as("plan imports %s", imported).isTrue());
        assertThat(imports).noneMatch(imported -> imported.startsWith("java.util.concurrent")
                || imported.equals("java.time.Clock"));
    }

    private static Stream<String> importsOf(Path file) {
        try {
            Matcher matcher = IMPORT.matcher(Files.readString(file));
            return matcher.results().map(result -> result.group(1)).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
