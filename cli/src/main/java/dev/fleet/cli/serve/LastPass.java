package dev.fleet.cli.serve;

import dev.fleet.lifecycle.reconcile.PoolReport;
import java.time.Instant;
import java.util.Objects;

/** A pool's latest pass: its report, and when it finished. */
public record LastPass(PoolReport report, Instant finished) {
    public LastPass {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(finished, "finished");
    }
}
