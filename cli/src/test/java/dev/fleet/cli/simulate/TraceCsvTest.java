package dev.fleet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.autoscaler.sim.Trace;
import dev.fleet.autoscaler.sim.TraceJob;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.FleetException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceCsvTest {

    @Test
    void readsJobsSkippingCommentsAndBlankLinesAndSortsThemByQueueTime() throws IOException {
        Trace trace = read("""
                # exported from the runs of 2026-11-20

                queued_at_s,duration_s,labels
                12.5,95.25,self-hosted;linux;arm64
                  # a comment between jobs
                0,300,self-hosted;linux;x64
                40 , 0.000000001 ,
                """);

        assertThat(trace.jobs()).containsExactly(
                new TraceJob(Duration.ZERO, Duration.ofMinutes(5), Set.of("self-hosted", "linux", "x64")),
                new TraceJob(Duration.ofMillis(12_500), Duration.ofMillis(95_250), Set.of("self-hosted", "linux", "arm64")),
                new TraceJob(Duration.ofSeconds(40), Duration.ofNanos(1), Set.of()));
    }

    @Test
    void toleratesByteOrderMarkWindowsLineEndingsAndSpacesAroundLabels() throws IOException {
        Trace trace = read("\uFEFFqueued_at_s,duration_s,labels\r\n1,2, linux ; ;x64 \r\n");

        assertThat(trace.jobs()).containsExactly(
                new TraceJob(Duration.ofSeconds(1), Duration.ofSeconds(2), Set.of("linux", "x64")));
    }

    @Test
    void ignoresDigitsBelowANanosecond() throws IOException {
        assertThat(read(TraceCsv.HEADER + "\n0.1234567899,1,\n").jobs().get(0).queuedAt())
                .isEqualTo(Duration.ofNanos(123_456_789));
    }

    @Test
    void acceptsAJobQueuedAtTheEndOf366DaysRunningFiveDays() throws IOException {
        assertThat(read(TraceCsv.HEADER + "\n31622400,432000.0,\n").jobs().get(0))
                .isEqualTo(new TraceJob(Duration.ofDays(366), Duration.ofDays(5), Set.of()));
    }

    @Test
    void headerOnlyIsAnEmptyTrace() throws IOException {
        assertThat(read("# nothing ran\n" + TraceCsv.HEADER + "\n").jobs()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc        | duration_s must be a non-negative number, was 'abc'",
        "-5         | duration_s must be a non-negative number, was '-5'",
        "''         | duration_s must be a non-negative number, was ''",
        "1e3        | duration_s must be a non-negative number, was '1e3'",
        "12.        | duration_s must be a non-negative number, was '12.'",
        ".5         | duration_s must be a non-negative number, was '.5'",
        "NaN        | duration_s must be a non-negative number, was 'NaN'",
        "1.2.3      | duration_s must be a non-negative number, was '1.2.3'",
        "'  '       | duration_s must be a non-negative number, was ''",
        "1 2        | duration_s must be a non-negative number, was '1 2'",
        "432000.001 | duration_s must be at most 432000 (5d), was '432000.001'",
        "999999999999999999 | duration_s must be at most 432000 (5d), was '999999999999999999'",
        "1234567890123456789 | duration_s must be at most 432000 (5d), was '1234567890123456789'"})
    void rejectsABadDurationNamingFileLineColumnAndRule(String duration, String message) {
        String csv = "# header follows\n" + TraceCsv.HEADER + "\n0,1,linux\n\n0," + duration + ",linux\n";

        assertThatThrownBy(() -> read(csv))
                .isInstanceOfSatisfying(FleetException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT))
                .hasMessage("trace.csv:5: " + message);
    }

    @Test
    void rejectsABadQueueTime() {
        assertThatThrownBy(() -> read(TraceCsv.HEADER + "\n+3,1,linux\n"))
                .hasMessage("trace.csv:2: queued_at_s must be a non-negative number, was '+3'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1,2 | 2", "1,2,linux,x64 | 4", "1 | 1"})
    void rejectsAWrongNumberOfFields(String line, int fields) {
        assertThatThrownBy(() -> read(TraceCsv.HEADER + "\n" + line + "\n"))
                .hasMessage("trace.csv:2: expected 3 fields (queued_at_s,duration_s,labels), found " + fields);
    }

    @Test
    void requiresTheHeaderFirst() {
        assertThatThrownBy(() -> read("# jobs\n0,1,linux\n"))
                .hasMessage("trace.csv:2: expected the header 'queued_at_s,duration_s,labels', found '0,1,linux'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "# only a comment\n"})
    void rejectsAnInputWithoutHeader(String csv) {
        assertThatThrownBy(() -> read(csv))
                .isInstanceOf(FleetException.class)
                .hasMessage("trace.csv: empty trace, expected the header 'queued_at_s,duration_s,labels'");
    }

    @Test
    void writesTheFormatItReads() throws IOException {
        Trace trace = new Trace(List.of(
                new TraceJob(Duration.ofMillis(12_500), Duration.ofSeconds(300), Set.of("x64", "linux", "self-hosted")),
                new TraceJob(Duration.ZERO, Duration.ofNanos(1), Set.of()),
                new TraceJob(Duration.ofHours(1), Duration.ofMillis(95_250), Set.of("gpu"))));
        StringWriter out = new StringWriter();

        TraceCsv.write(trace, out);

        assertThat(out).hasToString("""
                queued_at_s,duration_s,labels
                0,0.000000001,
                12.5,300,linux;self-hosted;x64
                3600,95.25,gpu
                """);
        assertThat(read(out.toString())).isEqualTo(trace);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b", "a;b", "line\nbreak", " padded", ""})
    void refusesToWriteALabelThatWouldReadBackDifferently(String label) {
        Trace trace = new Trace(List.of(new TraceJob(Duration.ZERO, Duration.ZERO, Set.of(label))));

        assertThatThrownBy(() -> TraceCsv.write(trace, new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be written to a trace CSV");
    }

    @Test
    void readsALargeTraceSharingOneLabelSetPerCombination() throws IOException {
        int jobs = 100_000;
        String[] labels = {"self-hosted;linux;x64", "self-hosted;linux;arm64", "self-hosted;windows;x64"};
        // Generated lazily so the trace never sits in memory as one big string.
        Reader csv = new Reader() {
            private final StringBuilder pending = new StringBuilder(TraceCsv.HEADER).append('\n');
            private int next;
            private int offset;

            @Override
            public int read(char[] buffer, int start, int length) {
                if (offset == pending.length()) {
                    if (next == jobs) {
                        return -1;
                    }
                    pending.setLength(0);
                    offset = 0;
                    pending.append(next / 10).append('.').append(next % 10).append(",95.25,")
                            .append(labels[next % labels.length]).append('\n');
                    next++;
                }
                int count = Math.min(length, pending.length() - offset);
                pending.getChars(offset, offset + count, buffer, start);
                offset += count;
                return count;
            }

            @Override
            public void close() {
            }
        };

        Trace trace = TraceCsv.read(csv, "big.csv");

        assertThat(trace.jobs()).hasSize(jobs);
        assertThat(trace.jobs().get(jobs - 1).queuedAt()).isEqualTo(Duration.ofMillis(9_999_900));
        assertThat(trace.jobs().get(3).labels()).isSameAs(trace.jobs().get(0).labels()); // memory: one set per combination
    }

    private static Trace read(String csv) throws IOException {
        return TraceCsv.read(new StringReader(csv), "trace.csv");
    }
}
