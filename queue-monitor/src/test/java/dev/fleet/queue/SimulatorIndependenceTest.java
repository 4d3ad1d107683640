package dev.fleet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The queue reads GitHub for the live pool; the simulator replays traces. Both meet in the autoscaler's core contract
 * ({@code QueueMetrics}, {@code ArrivalRate}), so nothing here may lean on the simulator.
 */
class SimulatorIndependenceTest {
    private static final Pattern SIMULATOR_IMPORT =
            Pattern.compile("^\\s*import\\s+(static\\s+)?dev\\.fleet\\.autoscaler\\.sim\\.", Pattern.MULTILINE);

    @ParameterizedTest
    @ValueSource(strings = {"src/main/java", "src/test/java"})
    void noSourceImportsTheSimulator(String root) throws IOException {
        List<Path> sources = sources(Path.of(root));

        assertThat(sources).as("Java sources under " + root).isNotEmpty();
        assertThat(sources).filteredOn(SimulatorIndependenceTest::importsSimulator).isEmpty();
    }

    private static List<Path> sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static boolean importsSimulator(Path source) {
        try {
            return SIMULATOR_IMPORT.matcher(Files.readString(source)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
