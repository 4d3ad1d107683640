package dev.fleet.cli;

import dev.fleet.cli.command.Json;
import dev.fleet.cli.serve.api.FleetAccess;
import dev.fleet.config.ConfigException;
import dev.fleet.config.ConfigParser;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.lifecycle.azure.SerialConsole;
import dev.fleet.lifecycle.azure.VmProvider;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The API's view of fleet through the commands' own code: {@code status}'s dry run, {@code config show}'s JSON and
 * {@code scale}'s change, over the config file as it is at each call and the services {@code serve} keeps.
 */
final class ServeFleetAccess implements FleetAccess {
    private final Fleet fleet;
    private final ReconciliationCache reconciliations;

    ServeFleetAccess(Fleet fleet, ReconciliationCache reconciliations) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.reconciliations = Objects.requireNonNull(reconciliations, "reconciliations");
    }

    @Override
    public List<String> poolNames() {
        return config().pools().stream().map(PoolConfig::name).toList();
    }

    @Override
    public Object status() {
        return status(config(), Optional.empty());
    }

    @Override
    public Optional<Object> pool(String name) {
        FleetConfig config = config();
        if (config.pool(name).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(status(config, Optional.of(name)).pools().get(0));
    }

    @Override
    public Object pools() {
        return Map.of("pools", Json.read(ConfigParser.toJson(config())).path("pools"));
    }

    @Override
    public List<PoolRunner> runners() {
        return status(config(), Optional.empty()).pools().stream()
                .flatMap(pool -> pool.now().runners().stream().map(runner -> new PoolRunner(pool.pool(), runner)))
                .toList();
    }

    /** One at a time: two changes read and write the same file. */
    @Override
    public synchronized Scaled scale(String pool, OptionalInt count) {
        try {
            PoolScaling.Result result = PoolScaling.apply(fleet, pool, count);
            return new Scaled(pool, result.changed(), result.message());
        } catch (ConfigException e) {
            throw new Refused(e.problems().get(0).toString());
        }
    }

    @Override
    public Optional<SerialConsole> serialConsole(String runner) {
        FleetConfig config = config();
        VmProvider vms = reconciliations.of(fleet, config).services().vms();
        // Resource group names are the same in any case, to Azure.
        return config.pools().stream()
                .map(pool -> config.placement(pool).resourceGroup())
                .filter(Objects::nonNull)
                .collect(Collectors.toCollection(() -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER)))
                .stream()
                .flatMap(group -> vms.listGroup(group).stream())
                .filter(vm -> vm.name().equalsIgnoreCase(runner) && config.pool(vm.pool()).isPresent())
                .findFirst()
                .map(vms::serialConsole);
    }

    private StatusCommand.Status status(FleetConfig config, Optional<String> pool) {
        Reconciliation reconciliation = reconciliations.of(fleet, config);
        return StatusCommand.of(reconciliation, config, StatusCommand.look(reconciliation, config, pool));
    }

    private FleetConfig config() {
        return Reconciliation.load(fleet, Optional.empty());
    }
}
