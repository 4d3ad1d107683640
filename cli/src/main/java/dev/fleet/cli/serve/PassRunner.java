package dev.fleet.cli.serve;

import dev.fleet.lifecycle.reconcile.PassReport;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import java.util.Optional;

/** Runs one reconcile pass over the config as it is now: over every pool, or only {@code pool}. */
@FunctionalInterface
public interface PassRunner {
    PassReport run(Optional<String> pool, ReconcileListener listener);
}
