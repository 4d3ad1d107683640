package dev.fleet.cli.serve;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A scrape read back by a parser Prometheus itself publishes. The Java client (1.10.0) ships writers only, no parser,
 * so this runs the Python client's ({@code prometheus_client.parser} for the text format,
 * {@code prometheus_client.openmetrics.parser} for OpenMetrics; Debian's {@code python3-prometheus-client}, which
 * {@code .ci/run} installs). Where no Python has it, the tests that need it are skipped, as the shellcheck test is.
 */
final class ExpositionParser {
    enum Format { TEXT, OPENMETRICS }

    record Sample(String name, Map<String, String> labels, double value) {
    }

    record Family(String name, String type, String help, List<Sample> samples) {
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final String SCRIPT = script();
    private static final Optional<String> PYTHON = Stream.of("python3", "/usr/bin/python3")
            .filter(ExpositionParser::hasTheClient).findFirst();

    private ExpositionParser() {
    }

    /** Parses {@code scrape}; skips the calling test where no Python has Prometheus's client. */
    static List<Family> parse(Format format, String scrape) {
        assumeTrue(PYTHON.isPresent(),
                "no python3 with prometheus_client (apt-get install python3-prometheus-client); not parsed");
        String json = run(List.of(PYTHON.get(), "-c", SCRIPT, format.name().toLowerCase(Locale.ROOT)),
                scrape);
        try {
            return JSON.readValue(json, new TypeReference<List<Family>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every sample of every family, e.g. to look one up by name and labels. */
    static Stream<Sample> samples(List<Family> families) {
        return families.stream().flatMap(family -> family.samples().stream());
    }

    /** The one sample of that name and those labels. */
    static double value(List<Family> families, String name, Map<String, String> labels) {
        List<Sample> found = samples(families)
                .filter(sample -> sample.name().equals(name) && sample.labels().equals(labels)).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples " + name + labels + " in the scrape");
        }
        return found.get(0).value();
    }

    private static boolean hasTheClient(String python) {
        try {
            run(List.of(python, "-c", "import prometheus_client.parser, prometheus_client.openmetrics.parser"), "");
            return true;
        } catch (AssertionError notThere) {
            return false;
        }
    }

    private static String run(List<String> command, String input) {
        try {
            return exec(command, input);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static String exec(List<String> command, String input) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output;
        try (InputStream stdout = process.getInputStream()) {
            output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError(command.get(0) + " failed on the scrape:\n" + input);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return output;
    }

    private static String script() {
        try (InputStream in = Objects.requireNonNull(
                ExpositionParser.class.getResourceAsStream("parse_exposition.py"), "parse_exposition.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
