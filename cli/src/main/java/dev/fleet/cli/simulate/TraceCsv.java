package dev.fleet.cli.simulate;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.autoscaler.sim.Trace;
import dev.fleet.autoscaler.sim.TraceJob;
import dev.fleet.cli.command.FleetException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Job traces as CSV files, the input of {@code fleet simulate}.
 *
 * <pre>
 * # one job a line; lines starting with # are comments, blank lines are skipped
 * queued_at_s,duration_s,labels
 * 0,300,self-hosted;linux;x64
 * 12.5,95.25,self-hosted;linux;arm64
 * 40,60,
 * </pre>
 *
 * <ul>
 *   <li>The header {@value #HEADER} is the first line that is neither blank nor a comment.</li>
 *   <li>{@code queued_at_s}: seconds from the start of the trace until the job was queued.</li>
 *   <li>{@code duration_s}: seconds the job runs once it has a runner.</li>
 *   <li>Both are non-negative decimal numbers: digits with an optional fraction ({@code 12}, {@code 12.5}); no sign,
 *       no exponent. Digits past the ninth decimal (below a nanosecond) are ignored. A job is queued within 366 days
 *       of the trace's start ({@code queued_at_s} at most 31622400) and runs at most 5 days ({@code duration_s} at
 *       most 432000), GitHub's limit for a job on a self-hosted runner; a trace holds at most 2,000,000 jobs.</li>
 *   <li>The file is UTF-8 text.</li>
 *   <li>{@code labels}: the job's runs-on labels separated by {@code ;}, possibly none. Labels cannot contain
 *       {@code ,} or {@code ;}.</li>
 *   <li>Fields are trimmed; jobs need not be in queue order.</li>
 * </ul>
 *
 * Errors name the source, the line, the column and the rule, e.g.
 * {@code trace.csv:17: duration_s must be a non-negative number, was 'abc'}.
 */
final class TraceCsv {
    static final String HEADER = "queued_at_s,duration_s,labels";

    private static final int MAX_FRACTION_DIGITS = 9;
    // 18 digits always fit a long.
    private static final int MAX_INTEGER_DIGITS = 18;

    private TraceCsv() {
    }

    /**
     * Reads a trace, one line at a time. {@code source} names the input in error messages.
     *
     * @throws FleetException (bad input) naming {@code source} and the line when the content breaks the format
     */
    static Trace read(Reader reader, String source) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
        // Traces repeat a handful of label combinations; sharing one immutable set per combination keeps a
        // million-job trace small (TraceJob keeps an immutable set as it is).
        Map<String, Set<String>> labelSets = new HashMap<>();
        List<TraceJob> jobs = new ArrayList<>();
        boolean headerSeen = false;
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // spreadsheet exports start with a byte order mark
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (!headerSeen) {
                if (!trimmed.equals(HEADER)) {
                    throw error(source, lineNumber, "expected the header '" + HEADER + "', found '" + trimmed + "'");
                }
                headerSeen = true;
                continue;
            }
            int firstComma = trimmed.indexOf(',');
            int secondComma = firstComma < 0 ? -1 : trimmed.indexOf(',', firstComma + 1);
            if (secondComma < 0 || trimmed.indexOf(',', secondComma + 1) >= 0) {
                throw error(source, lineNumber, "expected 3 fields (" + HEADER + "), found "
                        + (trimmed.chars().filter(c -> c == ',').count() + 1));
            }
            if (jobs.size() == Trace.MAX_JOBS) {
                throw error(source, lineNumber, "a trace holds at most " + Trace.MAX_JOBS + " jobs");
            }
            Duration queuedAt = seconds(trimmed, 0, firstComma, "queued_at_s", TraceJob.MAX_QUEUED_AT, source,
                    lineNumber);
            Duration duration = seconds(trimmed, firstComma + 1, secondComma, "duration_s", TraceJob.MAX_DURATION,
                    source, lineNumber);
            String labels = trimmed.substring(secondComma + 1).strip();
            jobs.add(new TraceJob(queuedAt, duration, labelSets.computeIfAbsent(labels, TraceCsv::labels)));
        }
        if (!headerSeen) {
            throw FleetException.badInput(source + ": empty trace, expected the header '" + HEADER + "'");
        }
        return new Trace(jobs);
    }

    /** Writes {@code trace} in the format {@link #read} reads back to an equal trace; labels are sorted. */
    static void write(Trace trace, Writer writer) throws IOException {
        writer.write(HEADER + "\n");
        for (TraceJob job : trace.jobs()) {
            String labels = job.labels().stream().map(TraceCsv::checkedLabel).sorted().collect(Collectors.joining(";"));
            writer.write(seconds(job.queuedAt()) + "," + seconds(job.duration()) + "," + labels + "\n");
        }
        writer.flush();
    }

    /** Parses {@code line[start, end)} by hand: a regex or BigDecimal per field would dominate reading big traces. */
    private static Duration seconds(String line, int start, int end, String column, Duration most, String source,
            int lineNumber) {
        while (start < end && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        long seconds = 0;
        long nanos = 0;
        int integerDigits = 0;
        int fractionDigits = -1; // -1 until the point
        boolean valid = start < end;
        for (int i = start; i < end && valid; i++) {
            char c = line.charAt(i);
            if (c == '.' && fractionDigits < 0) {
                fractionDigits = 0;
            } else if (c < '0' || c > '9') {
                valid = false;
            } else if (fractionDigits < 0) {
                integerDigits++;
                seconds = seconds * 10 + (c - '0');
            } else if (++fractionDigits <= MAX_FRACTION_DIGITS) {
                nanos = nanos * 10 + (c - '0');
            }
        }
        if (!valid || integerDigits == 0 || fractionDigits == 0) {
            throw error(source, lineNumber,
                    column + " must be a non-negative number, was '" + line.substring(start, end) + "'");
        }
        for (int digits = Math.max(fractionDigits, 0); digits < MAX_FRACTION_DIGITS; digits++) {
            nanos *= 10;
        }
        // Past 18 digits the long has wrapped; such a number is over the bound either way.
        if (integerDigits > MAX_INTEGER_DIGITS || Duration.ofSeconds(seconds, nanos).compareTo(most) > 0) {
            throw error(source, lineNumber, column + " must be at most " + most.toSeconds() + " ("
                    + DurationText.format(most) + "), was '" + line.substring(start, end) + "'");
        }
        return Duration.ofSeconds(seconds, nanos);
    }

    private static Set<String> labels(String field) {
        return Arrays.stream(field.split(";")).map(String::strip).filter(label -> !label.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds())
                .add(BigDecimal.valueOf(duration.getNano(), MAX_FRACTION_DIGITS))
                .stripTrailingZeros().toPlainString();
    }

    private static String checkedLabel(String label) {
        if (label.isBlank() || label.strip().length() != label.length()
                || label.chars().anyMatch(c -> c == ',' || c == ';' || c == '\n' || c == '\r')) {
            // Writing it anyway would produce a file that reads back as a different trace.
            throw new IllegalArgumentException("label '" + label + "' cannot be written to a trace CSV: it is blank, "
                    + "has surrounding spaces, or contains ',', ';' or a line break");
        }
        return label;
    }

    private static FleetException error(String source, int line, String message) {
        return FleetException.badInput(source + ":" + line + ": " + message);
    }
}
