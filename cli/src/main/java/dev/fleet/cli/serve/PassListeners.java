package dev.fleet.cli.serve;

import dev.fleet.lifecycle.ProvisionOutcome;
import dev.fleet.lifecycle.reconcile.PoolReport;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import java.util.List;

/** Several listeners heard as one, in their order: the {@link PassScheduler} takes one, and serve has a few. */
public final class PassListeners implements ReconcileListener {
    private final List<ReconcileListener> listeners;

    private PassListeners(List<ReconcileListener> listeners) {
        this.listeners = listeners;
    }

    public static ReconcileListener of(List<ReconcileListener> listeners) {
        return new PassListeners(List.copyOf(listeners));
    }

    @Override
    public void stage(String vmName, Stage stage) {
        listeners.forEach(listener -> listener.stage(vmName, stage));
    }

    @Override
    public void finished(ProvisionOutcome outcome) {
        listeners.forEach(listener -> listener.finished(outcome));
    }

    @Override
    public void poolStarted(String pool) {
        listeners.forEach(listener -> listener.poolStarted(pool));
    }

    @Override
    public void poolFinished(PoolReport report) {
        listeners.forEach(listener -> listener.poolFinished(report));
    }
}
