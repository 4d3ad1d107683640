package dev.fleet.cli;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.cli.command.FleetException;
import dev.fleet.config.ConfigStore;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.XdgBase;
import dev.fleet.lifecycle.plan.ReconcileSettings;
import dev.fleet.lifecycle.reconcile.PassReport;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import dev.fleet.lifecycle.reconcile.ReconcileRequest;
import dev.fleet.lifecycle.reconcile.Reconciler;
import dev.fleet.lifecycle.reconcile.StateFolder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reconcile pass as the commands run it: over the config's services, with the state folder under
 * {@code $XDG_STATE_HOME/fleet}. {@code reconcile}, {@code status} (a dry run) and the pass after {@code enable},
 * {@code disable} and {@code scale} all go through here.
 */
final class Reconciliation {
    /** How long a runner must have been online before its idleness is believed, for a GitHub that lags longer. */
    static final String IDLE_CONFIRMATION = "FLEET_IDLE_CONFIRMATION";

    private final FleetServices services;
    private final StateFolder state;
    private final Map<String, String> env;
    private final ReconcileSettings settings;

    /** @throws FleetException (bad input) when {@value #IDLE_CONFIRMATION} is set to something not a duration */
    Reconciliation(FleetServices services, StateFolder state, Map<String, String> env) {
        this.services = services;
        this.state = state;
        this.env = env;
        this.settings = settings(env);
    }

    /** @throws FleetException (bad input) when {@value #IDLE_CONFIRMATION} is set to something not a duration */
    static ReconcileSettings settings(Map<String, String> env) {
        String confirmation = env.get(IDLE_CONFIRMATION);
        if (confirmation == null || confirmation.isBlank()) {
            return ReconcileSettings.DEFAULTS;
        }
        try {
            return ReconcileSettings.DEFAULTS.withIdleConfirmation(DurationText.parse(confirmation));
        } catch (IllegalArgumentException e) {
            throw FleetException.badInput(IDLE_CONFIRMATION + ": " + e.getMessage());
        }
    }

    static Reconciliation of(Fleet fleet, FleetConfig config) {
        return of(fleet.services(config), fleet.env());
    }

    static Reconciliation of(FleetServices services, Map<String, String> env) {
        return new Reconciliation(services, new StateFolder(XdgBase.STATE.fleetFolder(env)), env);
    }

    StateFolder state() {
        return state;
    }

    FleetServices services() {
        return services;
    }

    PassReport run(FleetConfig config, ReconcileRequest request, ReconcileListener listener) {
        if (config.pools().isEmpty()) {
            // Nothing to look at: no reason to sign in anywhere, or to fail for want of credentials.
            Instant now = services.clock().instant();
            return new PassReport("none", now, now, List.of(), List.of());
        }
        // The runners register at the web URL of the API fleet talks to, which GITHUB_API_URL may move off the file's.
        FleetConfig effective = GitHubApiUrl.applied(config, env);
        Reconciler reconciler = new Reconciler(services.vms(), services.runners(), services.jobQueue(),
                services.provisioning(), state, services.clock(), settings);
        return reconciler.reconcile(effective, request, listener);
    }

    /**
     * The config a pass runs on, as the file holds it now. A {@code --pool} the config lacks is bad input, told with
     * the names it has, before anything is asked of GitHub or Azure.
     */
    static FleetConfig load(Fleet fleet, Optional<String> pool) {
        Path file = fleet.configLocation().path();
        FleetConfig config = new ConfigStore(file).load();
        pool.filter(name -> config.pool(name).isEmpty()).ifPresent(name -> {
            throw FleetException.noSuchPool(name, config, file);
        });
        return config;
    }
}
