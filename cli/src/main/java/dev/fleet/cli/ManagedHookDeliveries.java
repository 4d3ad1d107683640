package dev.fleet.cli;

import dev.fleet.cli.serve.webhook.HookDeliveries;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.lifecycle.PoolContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The unanswered deliveries of the webhooks fleet manages: a pool's {@code webhookUrl} on its repository or
 * organization, read through the services of the config as the file holds it now.
 */
final class ManagedHookDeliveries implements HookDeliveries {
    private final Fleet fleet;
    private final ReconciliationCache reconciliations;

    ManagedHookDeliveries(Fleet fleet, ReconciliationCache reconciliations) {
        this.fleet = fleet;
        this.reconciliations = reconciliations;
    }

    @Override
    public List<MissedDelivery> unanswered(PoolConfig pool, Instant since) {
        if (pool.webhookUrl() == null) {
            return List.of();
        }
        FleetConfig config = Reconciliation.load(fleet, Optional.empty());
        return reconciliations.of(fleet, config).services().webhooks()
                .unanswered(PoolContext.of(config, pool).scope(), pool.webhookUrl(), since).stream()
                .map(missed -> new MissedDelivery(missed.guid(), missed.event(), missed.action(),
                        missed.payload().getBytes(StandardCharsets.UTF_8)))
                .toList();
    }
}
