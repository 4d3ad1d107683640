package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.it.cloud.FakeCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * fleet commands run one after another in a fake cloud of their own, as a person types them: each one's exit code is
 * checked, and what it printed (stdout, then stderr) is kept below a {@code $ fleet ...} line, so a failed check shows
 * the whole session so far. Registered as a JUnit extension, it starts the cloud before each test and stops it after.
 */
final class Session implements BeforeEachCallback, AfterEachCallback {
    private final StringBuilder transcript = new StringBuilder();
    private FakeCloud cloud;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException, InterruptedException {
        cloud = FakeCloud.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        cloud.close();
    }

    FakeCloud cloud() {
        return cloud;
    }

    /** Runs {@code fleet ARGS} and checks that it exits with {@code exitCode}. */
    FleetProcess.Result run(int exitCode, String... args) throws IOException, InterruptedException {
        FleetProcess.Result result = cloud.fleet(args);
        record(args, result);
        assertThat(result.exitCode()).as("exit code of fleet %s in this session:%n%s", String.join(" ", args),
                transcript).isEqualTo(exitCode);
        return result;
    }

    /** Adds a command run some other way, e.g. started with {@link FleetProcess#start}, to the transcript. */
    void record(String[] args, FleetProcess.Result result) {
        transcript.append("$ fleet ").append(String.join(" ", args)).append('\n').append(result.out())
                .append(result.err());
    }

    String transcript() {
        return transcript.toString();
    }

    /** Writes the transcript to {@code file} below the module's {@code target} folder, for people to read. */
    void save(String file) throws IOException {
        Path target = Files.createDirectories(FleetProcess.REPO.resolve("it-tests/target"));
        Files.writeString(target.resolve(file), transcript);
    }
}
