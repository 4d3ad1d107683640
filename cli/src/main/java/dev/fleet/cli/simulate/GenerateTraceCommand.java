package dev.fleet.cli.simulate;

import dev.fleet.autoscaler.sim.Trace;
import dev.fleet.autoscaler.sim.TraceGenerator;
import dev.fleet.autoscaler.sim.TraceGenerator.Profile;
import dev.fleet.cli.command.Bounds;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.FleetCommand;
import dev.fleet.cli.command.FleetException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleet simulate generate}: writes a synthetic trace from the seeded generator the shipped traces came from. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Writes a synthetic job trace (CSV). The same profile, days and seed always give the same trace.")
final class GenerateTraceCommand extends FleetCommand {

    @Option(names = "--profile", required = true, paramLabel = "NAME",
            description = "quiet, busy-monorepo or nightly.")
    String profile;

    @Option(names = "--days", paramLabel = "N", defaultValue = "7", description = "Days of trace, 1 to 366 (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the trace (default: standard output).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Profile chosen;
        try {
            chosen = Profile.parse(profile);
        } catch (IllegalArgumentException e) {
            throw FleetException.badInput("--profile: " + e.getMessage());
        }
        Bounds.count("--days", days, 1, TraceGenerator.MAX_DAYS);
        if (out != null) {
            OptionFiles.checkOutput("--out", out);
        }
        Trace trace = new TraceGenerator().generate(chosen, days, seed);
        if (out == null) {
            TraceCsv.write(trace, out());
            out().flush();
        } else {
            try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                TraceCsv.write(trace, writer);
            }
        }
        return ExitCode.OK;
    }
}
