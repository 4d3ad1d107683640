package dev.fleet.cli;

import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.config.XdgBase;
import dev.fleet.github.GitHubClientSettings;
import dev.fleet.lifecycle.reconcile.PassReport;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import dev.fleet.lifecycle.reconcile.ReconcileRequest;
import dev.fleet.lifecycle.reconcile.ReconcileSettings;
import dev.fleet.lifecycle.reconcile.Reconciler;
import dev.fleet.lifecycle.reconcile.StateFolder;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A reconcile pass as the commands run it: over the config's services, with the state folder under
 * {@code $XDG_STATE_HOME/fleet}. {@code reconcile}, {@code status} (a dry run) and the pass after {@code enable},
 * {@code disable} and {@code scale} all go through here.
 */
final class Reconciliation {
    private final FleetServices services;
    private final StateFolder state;
    private final Map<String, String> env;

    Reconciliation(FleetServices services, StateFolder state, Map<String, String> env) {
        this.services = services;
        this.state = state;
        this.env = env;
    }

    static Reconciliation of(Fleet fleet, FleetConfig config) {
        return of(fleet.wiring().services(), fleet.env(), config);
    }

    static Reconciliation of(FleetServices.Factory services, Map<String, String> env, FleetConfig config) {
        return new Reconciliation(services.of(config), new StateFolder(XdgBase.STATE.fleetFolder(env)), env);
    }

    StateFolder state() {
        return state;
    }

    FleetServices services() {
        return services;
    }

    PassReport run(FleetConfig config, ReconcileRequest request, ReconcileListener listener) {
        request.pool().ifPresent(pool -> requirePool(config, pool));
        // The runners register at the web URL of the API fleet talks to, which GITHUB_API_URL may move off the file's.
        FleetConfig effective = config.withGitHubApiUrl(GitHubClientSettings.apiUrl(env, null, config.github()));
        Reconciler reconciler = new Reconciler(services.vms(), services.runners(), services.jobQueue(),
                services.lifecycle(), state, services.clock(), ReconcileSettings.DEFAULTS);
        return reconciler.reconcile(effective, request, listener);
    }

    /** The pool of that name; a name the config lacks is bad input, told with the names it has. */
    static PoolConfig requirePool(FleetConfig config, String pool) {
        Optional<PoolConfig> found = config.pool(pool);
        if (found.isEmpty()) {
            String names = config.pools().stream().map(PoolConfig::name).collect(Collectors.joining(", "));
            throw FleetException.badInput("--pool: no pool named " + pool + " in the config"
                    + (names.isEmpty() ? " (it has none; add one with 'fleet github-runner enable')" : "; pools: " + names));
        }
        return found.get();
    }
}
