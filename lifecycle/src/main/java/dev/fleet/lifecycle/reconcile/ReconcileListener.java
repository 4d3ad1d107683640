package dev.fleet.lifecycle.reconcile;

import dev.fleet.lifecycle.ProvisionListener;

/**
 * Hears how a pass gets on, e.g. to draw progress: each pool's start and report, and each VM it provisions. Pools are
 * reconciled in parallel, so the methods are called from several threads at once; they should return quickly.
 */
public interface ReconcileListener extends ProvisionListener {
    ReconcileListener NONE = new ReconcileListener() {
    };

    default void poolStarted(String pool) {
    }

    default void poolFinished(PoolReport report) {
    }
}
