package dev.fleet.cli;

import dev.fleet.config.FleetConfig;

/**
 * A long-running fleet signs in to GitHub and Azure once, not every pass: the services (and their tokens and caches)
 * stay while the config file stays the same, and are built anew when it changed. Safe for passes on several threads.
 */
final class ReconciliationCache {
    private FleetConfig config;
    private Reconciliation reconciliation;

    synchronized Reconciliation of(Fleet fleet, FleetConfig current) {
        if (!current.equals(config)) {
            reconciliation = Reconciliation.of(fleet, current);
            config = current;
        }
        return reconciliation;
    }
}
