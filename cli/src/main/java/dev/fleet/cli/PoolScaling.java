package dev.fleet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import java.util.Objects;
import java.util.OptionalInt;

/** A pool pinned at a number of runners, or handed back to its scaling policy: the change of {@code scale} and the API. */
final class PoolScaling {
    private PoolScaling() {
    }

    /**
     * How the change went.
     *
     * @param message  one line saying what the pool does now
     * @param saved    the config as saved; the file as it was when nothing changed
     * @param services the saved config's services, for the pass that applies the change; null when nothing changed
     */
    record Result(boolean changed, String message, FleetConfig saved, FleetServices services) {
    }

    /**
     * Saves the change atomically, unless the pool already has that size.
     *
     * @param count the runners to keep; empty hands the pool back to its policy
     * @throws dev.fleet.config.ConfigException naming the field and the rule the count breaks; nothing is saved
     * @throws dev.fleet.cli.command.FleetException (bad input) for a pool the config does not have
     */
    static Result apply(Fleet fleet, String pool, OptionalInt count) {
        ConfigEdit edit = ConfigEdit.load(fleet.configLocation());
        ObjectNode node = edit.existingPool(pool);
        if (count.isEmpty()) {
            node.remove("manualSize");
        } else {
            node.put("manualSize", count.getAsInt());
        }
        FleetConfig next = edit.result();
        PoolConfig before = edit.current().pool(pool).orElseThrow();
        PoolConfig after = next.pool(pool).orElseThrow();
        String now = count.isEmpty()
                ? "autoscales with policy " + after.scaling().policy() + " between " + after.scaling().minRunners()
                        + " and " + after.scaling().maxRunners() + " runners"
                : "keeps " + count.getAsInt() + " runners";
        if (Objects.equals(before.manualSize(), after.manualSize())) {
            return new Result(false, "pool " + pool + " already " + now + "; nothing changed", edit.current(), null);
        }
        FleetServices services = fleet.services(next);
        edit.save(next);
        return new Result(true, "pool " + pool + " now " + now + (after.enabled() ? "" : "; it is disabled, so this "
                + "applies once it is enabled again"), next, services);
    }
}
