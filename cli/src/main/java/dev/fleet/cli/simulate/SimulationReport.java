package dev.fleet.cli.simulate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.autoscaler.DurationText;
import dev.fleet.autoscaler.sim.LowerBound;
import dev.fleet.autoscaler.sim.PolicyResult;
import dev.fleet.autoscaler.sim.Trigger;
import dev.fleet.cli.command.Json;
import dev.fleet.cli.command.TextTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The results of {@code fleet simulate}: every policy side by side against the trace's lower bound, as a table for
 * people or as JSON for scripts. The time series are left out; they are what the chart is for.
 */
record SimulationReport(Passes passes, List<PolicyResult> results, LowerBound lowerBound) {
    static final String LOWER_BOUND_NOTE =
            "lower bound: every job waits 0 and pays only its run time plus one boot; no policy can reach both";

    private static final String NOT_APPLICABLE = "-";

    SimulationReport {
        Objects.requireNonNull(passes, "passes");
        results = List.copyOf(results);
    }

    /** When the simulated passes ran: the report says it, since the same trace gives other figures otherwise. */
    record Passes(Duration interval, Trigger trigger) {
        Passes {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(trigger, "trigger");
        }

        String line() {
            String every = "passes: every " + DurationText.format(interval);
            return trigger.kind() == Trigger.Kind.POLL ? every : every + ", and at each queued delivery ("
                    + DurationText.format(trigger.deliveryLatency()) + " after its event); a VM goes at its job's "
                    + "completed delivery";
        }
    }

    /**
     * The table: when passes ran, a header, one row a policy, the lower-bound row and the note explaining it; ends
     * with a newline.
     */
    String table() {
        TextTable table = new TextTable("policy", "jobs", "served", "unserved", "wait p50", "wait p95", "wait max",
                "VM-min", "vs bound", "idle VM-min", "peak VMs", "VMs created")
                .alignRight(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        for (PolicyResult result : results) {
            table.row(result.policy(), Integer.toString(result.jobs()), Integer.toString(result.served()),
                    Integer.toString(result.unserved()), wait(result.waitP50()), wait(result.waitP95()),
                    wait(result.waitMax()), minutes(result.vmMinutes()), percentText(overBound(result)),
                    minutes(result.idleVmMinutes()), Integer.toString(result.peakVms()),
                    Integer.toString(result.vmsCreated()));
        }
        String zero = wait(Duration.ZERO);
        table.row("lower bound", Integer.toString(lowerBound.jobs()), NOT_APPLICABLE, NOT_APPLICABLE, zero, zero, zero,
                minutes(lowerBound.vmMinutes()), NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE);
        return passes.line() + "\n" + table.render() + LOWER_BOUND_NOTE + "\n";
    }

    /**
     * The JSON document: {@code passes} (interval, trigger and delivery latency in seconds), {@code policies} in the
     * order given, then {@code lowerBound}. Durations are seconds
     * ({@code waitP95Seconds}); a percentage the lower bound cannot give (an empty trace) is {@code null}. Ends with a
     * newline.
     */
    String json() {
        ObjectNode root = Json.object();
        root.putObject("passes")
                .put("intervalSeconds", seconds(passes.interval()))
                .put("trigger", passes.trigger().kind().name().toLowerCase(Locale.ROOT))
                .put("deliveryLatencySeconds", seconds(passes.trigger().deliveryLatency()));
        ArrayNode policies = root.putArray("policies");
        for (PolicyResult result : results) {
            ObjectNode policy = policies.addObject()
                    .put("policy", result.policy())
                    .put("jobs", result.jobs())
                    .put("served", result.served())
                    .put("unserved", result.unserved())
                    .put("waitP50Seconds", seconds(result.waitP50()))
                    .put("waitP95Seconds", seconds(result.waitP95()))
                    .put("waitMaxSeconds", seconds(result.waitMax()))
                    .put("vmMinutes", result.vmMinutes());
            OptionalDouble overBound = overBound(result);
            if (overBound.isPresent()) {
                policy.put("vmMinutesVsLowerBoundPercent", overBound.getAsDouble());
            } else {
                policy.putNull("vmMinutesVsLowerBoundPercent");
            }
            policy.put("idleVmMinutes", result.idleVmMinutes())
                    .put("peakVms", result.peakVms())
                    .put("vmsCreated", result.vmsCreated());
        }
        root.putObject("lowerBound")
                .put("jobs", lowerBound.jobs())
                .put("waitSeconds", 0)
                .put("vmMinutes", lowerBound.vmMinutes())
                .put("note", LOWER_BOUND_NOTE);
        return Json.write(root) + "\n";
    }

    /** VM-minutes above the lower bound in percent, to one decimal, so table and JSON show the same figure. */
    private OptionalDouble overBound(PolicyResult result) {
        if (lowerBound.vmMinutes() <= 0) {
            return OptionalDouble.empty();
        }
        double percent = (result.vmMinutes() / lowerBound.vmMinutes() - 1) * 100;
        return OptionalDouble.of(BigDecimal.valueOf(percent).setScale(1, RoundingMode.HALF_UP).doubleValue());
    }

    private static String percentText(OptionalDouble percent) {
        return percent.isPresent() ? String.format(Locale.ROOT, "%+.1f%%", percent.getAsDouble()) : NOT_APPLICABLE;
    }

    /** Whole seconds: finer than that nobody compares waits by eye, and the JSON keeps the exact value. */
    private static String wait(Duration wait) {
        return DurationText.format(wait.plusMillis(500).truncatedTo(ChronoUnit.SECONDS));
    }

    private static String minutes(double minutes) {
        return String.format(Locale.ROOT, "%.1f", minutes);
    }

    private static double seconds(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9;
    }
}
