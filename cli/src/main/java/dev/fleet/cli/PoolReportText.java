package dev.fleet.cli;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.autoscaler.ScalingDecision;
import dev.fleet.cli.command.TextTable;
import dev.fleet.config.OutsideText;
import dev.fleet.lifecycle.reconcile.ActionResult;
import dev.fleet.lifecycle.reconcile.PoolReport;
import dev.fleet.lifecycle.reconcile.RunnerView;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A pool's report as people read it: one heading line, the decision, the runners as a table, then what was done (or
 * would be, in a dry run) and any errors. {@code reconcile} and {@code status} print the same blocks.
 */
final class PoolReportText {
    private PoolReportText() {
    }

    static String render(PoolReport report) {
        return "pool " + report.pool() + ": " + word(report.status()) + failedActions(report) + " (queue: "
                + queue(report) + ")\n" + body(report);
    }

    /** A pool that went through can still have had an action fail, which makes the pass exit 1: say so up front. */
    private static String failedActions(PoolReport report) {
        long failed = report.failedActions();
        return failed == 0 ? "" : ", " + failed + (failed == 1 ? " action" : " actions") + " failed";
    }

    static String queue(PoolReport report) {
        return report.queue().queued() + " queued, " + report.queue().inProgress() + " in progress";
    }

    /** Everything below the heading line, each line indented. */
    static String body(PoolReport report) {
        StringBuilder text = new StringBuilder();
        report.decision().ifPresent(decision -> text.append("  decision: ").append(describe(decision)).append('\n'));
        if (report.runners().isEmpty()) {
            // The runners are as the pass found them, before it acted.
            text.append("  found no runners\n");
        } else {
            text.append(indent(runners(report)));
        }
        if (!report.actions().isEmpty()) {
            text.append(report.status() == PoolReport.Status.DRY_RUN ? "  would do:\n" : "  actions:\n")
                    .append(indent(indent(actions(report.actions()))));
        }
        report.errors().forEach(error -> text.append("  error: ").append(OutsideText.printable(error)).append('\n'));
        return text.toString();
    }

    static String describe(ScalingDecision decision) {
        String change = decision.current() == decision.target()
                ? "keep " + decision.current()
                : decision.current() + " -> " + decision.target();
        return word(decision.action()) + ", " + change + ": " + decision.reason();
    }

    private static String runners(PoolReport report) {
        TextTable table = new TextTable("RUNNER", "STATE", "VM", "GITHUB", "BUSY", "AGE").alignRight(5);
        for (RunnerView runner : report.runners()) {
            // Whole seconds: the milliseconds of an age only tell how long the pass took to look.
            String age = DurationText.format(runner.age().withNanos(0));
            table.row(runner.name(), word(runner.state()), lower(runner.vm()), lower(runner.github()),
                    runner.busy() ? "yes" : "no", age);
        }
        return table.render();
    }

    /** What a pass did to what pools no longer in the config left behind; empty when it found nothing. */
    static String sweep(List<ActionResult> sweep) {
        return sweep.isEmpty() ? "" : "pools no longer in the config:\n" + indent(indent(actions(sweep)));
    }

    private static String actions(List<ActionResult> actions) {
        TextTable table = new TextTable("ACTION", "TARGET", "RESULT", "WHY");
        for (ActionResult action : actions) {
            String result = action.detail().isEmpty()
                    ? word(action.result())
                    : word(action.result()) + ": " + action.detail();
            table.row(word(action.kind()), action.target(), result, action.reason());
        }
        return table.render();
    }

    private static String lower(Optional<? extends Enum<?>> value) {
        return value.map(PoolReportText::word).orElse("-");
    }

    static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String indent(String lines) {
        return lines.lines().map(line -> "  " + line + "\n").reduce("", String::concat);
    }
}
