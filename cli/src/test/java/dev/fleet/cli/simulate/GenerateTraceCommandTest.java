package dev.fleet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.Fleet;
import dev.fleet.cli.command.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateTraceCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int fleet(String... args) {
        return Fleet.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), Map.of()).execute(args);
    }

    @Test
    void writesAReadableTraceToStandardOutput() throws IOException {
        assertThat(fleet("simulate", "generate", "--profile", "quiet", "--days", "2", "--seed", "9"))
                .isEqualTo(ExitCode.OK);

        assertThat(out.toString()).startsWith(TraceCsv.HEADER + "\n");
        assertThat(TraceCsv.read(new StringReader(out.toString()), "stdout").jobs()).hasSizeBetween(15, 60);
    }

    @Test
    void writesTheSameFileForTheSameSeedAndAnotherForAnother() throws IOException {
        Path first = dir.resolve("a.csv");
        Path again = dir.resolve("b.csv");
        Path other = dir.resolve("c.csv");

        assertThat(fleet("simulate", "generate", "--profile", "steady", "--days", "1", "--out", first.toString()))
                .isEqualTo(ExitCode.OK);
        assertThat(fleet("simulate", "generate", "--profile", "steady", "--days", "1", "--out", again.toString()))
                .isEqualTo(ExitCode.OK);
        assertThat(fleet("simulate", "generate", "--profile", "steady", "--days", "1", "--seed", "2", "--out",
                other.toString())).isEqualTo(ExitCode.OK);

        assertThat(Files.readString(again)).isEqualTo(Files.readString(first));
        assertThat(Files.readString(other)).isNotEqualTo(Files.readString(first));
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void namesTheProfilesItKnows() {
        assertThat(fleet("simulate", "generate", "--profile", "busy")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("--profile: unknown trace profile 'busy'; use one of quiet, busy-monorepo");
    }

    @Test
    void needsAtLeastOneDay() {
        assertThat(fleet("simulate", "generate", "--profile", "quiet", "--days", "0")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("--days: must be between 1 and 366, was 0");
    }
}
