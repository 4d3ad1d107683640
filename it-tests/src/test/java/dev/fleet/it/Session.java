package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.it.cloud.FakeCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * fleet commands run one after another in a fake cloud of their own, as a person types them: each one's exit code is
 * checked, and what it printed (stdout, then stderr) is kept below a {@code $ fleet ...} line, so a failed check shows
 * the whole session so far. Registered as a JUnit extension, it starts the cloud before each test, hands it to the
 * test methods that take a {@link FakeCloud}, and stops it after the test.
 */
final class Session implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    /** What a test class has in its cloud before each test. */
    @FunctionalInterface
    private interface Given {
        void prepare(FakeCloud cloud) throws IOException;
    }

    private final StringBuilder transcript = new StringBuilder();
    private final Given given;
    private FakeCloud cloud;

    /** A session in a cloud with no config yet. */
    Session() {
        this(cloud -> { });
    }

    private Session(Given given) {
        this.given = given;
    }

    /** A session in a cloud whose config has pool {@link Pools#ci} with these limits. */
    static Session withPool(int min, int max) {
        return new Session(cloud -> Pools.write(cloud, Pools.ci(cloud, min, max)));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException, InterruptedException {
        cloud = FakeCloud.start();
        given.prepare(cloud);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        cloud.close();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FakeCloud.class;
    }

    @Override
    public FakeCloud resolveParameter(ParameterContext parameter, ExtensionContext context) {
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
