package dev.fleet.lifecycle.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.lifecycle.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFolderTest {
    private static final Instant AT = Instant.parse("2026-11-23T12:34:56.789Z");

    @TempDir
    Path temp;

    private Path root() {
        return temp.resolve("state/fleet");
    }

    @Test
    void readsBackTheLastScalingActionOfEachPool() {
        StateFolder state = new StateFolder(root());

        state.recordScalingAction("ci", AT);
        state.recordScalingAction("docs", AT.plusSeconds(60));
        state.recordScalingAction("ci", AT.plusSeconds(120));

        assertThat(state.lastScalingAction("ci")).contains(AT.plusSeconds(120));
        assertThat(new StateFolder(root()).lastScalingAction("docs")).contains(AT.plusSeconds(60));
        assertThat(state.lastScalingAction("gpu")).isEmpty();
    }

    @Test
    void readsBackTheLastPassForStatus() {
        StateFolder state = new StateFolder(root());
        PassSummary pass = new PassSummary("0badcafe", AT, PoolReport.Status.FAILED, "failed; nothing to do",
                List.of("GitHub: GitHub answered 502 after 3 tries"));

        state.recordPass("ci", pass);

        assertThat(new StateFolder(root()).lastPass("ci")).contains(pass);
        assertThat(state.lastPass("docs")).isEmpty();
    }

    @Test
    void writesFilesOnlyItsOwnerCanReadInFoldersOnlyItsOwnerCanEnter() throws IOException {
        StateFolder state = new StateFolder(root());

        state.recordScalingAction("ci", AT);
        state.journal("ci").record("fleet-ci-abcd1234");

        try (Stream<Path> all = Files.walk(temp.resolve("state"))) {
            for (Path path : all.filter(path -> !path.equals(temp.resolve("state"))).toList()) {
                String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void replacesAFileWholeAndLeavesNoTempFileBehind() throws IOException {
        StateFolder state = new StateFolder(root());
        state.recordScalingAction("ci", AT);

        state.recordScalingAction("ci", AT.plusSeconds(1));

        try (Stream<Path> files = Files.list(root().resolve("pools/ci"))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactly("last-scaling-action.json");
        }
        assertThat(Files.readString(root().resolve("pools/ci/last-scaling-action.json")))
                .isEqualTo("{\"at\":\"2026-11-23T12:34:57.789Z\"}");
    }

    @Test
    void aFileThatDoesNotParseCountsAsAbsentWithAWarning() throws IOException {
        StateFolder state = new StateFolder(root());
        state.recordScalingAction("ci", AT);
        Path file = root().resolve("pools/ci/last-scaling-action.json");
        Files.writeString(file, "{\"at\": \"yesterday");

        try (LogCapture log = new LogCapture()) {
            assertThat(state.lastScalingAction("ci")).isEmpty();
            assertThat(log.lines()).singleElement().asString().startsWith("ignoring " + file);
        }
        state.recordScalingAction("ci", AT);
        assertThat(state.lastScalingAction("ci")).contains(AT);
    }

    @Test
    void aLastPassMissingWhatItNeedsCountsAsAbsent() throws IOException {
        StateFolder state = new StateFolder(root());
        state.recordScalingAction("ci", AT);
        Files.writeString(root().resolve("pools/ci/last-pass.json"), "{\"passId\": \"0badcafe\"}");

        assertThat(state.lastPass("ci")).isEmpty();
    }

    @Test
    void aFileThatCannotBeReadCountsAsAbsent() throws IOException {
        StateFolder state = new StateFolder(root());
        Files.createDirectories(root().resolve("pools/ci/last-pass.json"));

        assertThat(state.lastPass("ci")).isEmpty();
    }

    @Test
    void keepsABootstrappingRecordForEachVmUntilItIsCleared() {
        StateFolder state = new StateFolder(root());

        state.journal("ci").record("fleet-ci-abcd1234");
        state.journal("ci").record("fleet-ci-efgh5678");
        state.journal("ci").clear("fleet-ci-abcd1234");
        state.journal("ci").clear("fleet-ci-never000");

        assertThat(state.bootstrapping("ci")).singleElement().satisfies(record -> {
            assertThat(record.vmName()).isEqualTo("fleet-ci-efgh5678");
            assertThat(record.owner()).contains(FleetProcess.current());
            assertThat(record.ownerAlive()).isTrue();
        });
        assertThat(state.bootstrapping("docs")).isEmpty();
    }

    @Test
    void anUnreadableBootstrappingRecordStillMarksItsVmAsOneNobodyWillFinish() throws IOException {
        StateFolder state = new StateFolder(root());
        state.journal("ci").record("fleet-ci-abcd1234");
        Files.writeString(root().resolve("pools/ci/bootstrapping/fleet-ci-abcd1234"), "");

        assertThat(state.bootstrapping("ci")).singleElement().satisfies(record -> {
            assertThat(record.owner()).isEmpty();
            assertThat(record.ownerAlive()).isFalse();
        });
    }

    @Test
    void refusesAPoolNameThatIsNotAFileName() {
        StateFolder state = new StateFolder(root());

        assertThatThrownBy(() -> state.recordScalingAction("../config", AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a pool name: ../config");
    }

    @Test
    void aFolderThatCannotBeWrittenIsAnErrorNamingTheFile() throws IOException {
        Files.createDirectories(temp.resolve("state"));
        Files.writeString(root(), "a file where the folder should be");
        StateFolder state = new StateFolder(root());

        assertThatThrownBy(() -> state.recordScalingAction("ci", AT))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageStartingWith("cannot write " + root().resolve("pools/ci/last-scaling-action.json"));
    }
}
