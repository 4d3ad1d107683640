package dev.fleet.autoscaler.sim;

import java.time.Duration;

/** The pool as seen at one reconcile tick of a simulation, for charts. */
public record SeriesPoint(Duration at, int queued, int provisioning, int idle, int busy) {
    public int runners() {
        return provisioning + idle + busy;
    }
}
