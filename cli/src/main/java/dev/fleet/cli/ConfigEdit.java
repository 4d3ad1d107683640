package dev.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.cli.command.FleetException;
import dev.fleet.cli.command.Json;
import dev.fleet.config.ConfigLocation;
import dev.fleet.config.ConfigParser;
import dev.fleet.config.ConfigStore;
import dev.fleet.config.FleetConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * One change to the config file, made the way a person edits it: on its JSON, which then binds and validates by the
 * very rules a hand-edited file meets, every problem at once. Nothing is written until {@link #save}.
 */
final class ConfigEdit {
    private final ConfigStore store;
    private final FleetConfig current;
    private final ObjectNode root;

    private ConfigEdit(ConfigStore store, FleetConfig current) {
        this.store = store;
        this.current = current;
        this.root = (ObjectNode) Json.read(ConfigParser.toJson(current));
    }

    /** The file at {@code location}, or the defaults when there is none; throws ConfigException for a bad file. */
    static ConfigEdit load(ConfigLocation location) {
        ConfigStore store = new ConfigStore(location.path());
        return new ConfigEdit(store, store.load());
    }

    /** The config as the file holds it now. */
    FleetConfig current() {
        return current;
    }

    Path path() {
        return store.path();
    }

    /** The global {@code azure} object, every default written out. */
    ObjectNode azure() {
        return root.withObjectProperty("azure");
    }

    Optional<ObjectNode> pool(String name) {
        return StreamSupport.stream(pools().spliterator(), false)
                .filter(pool -> name.equals(pool.path("name").asText(null)))
                .map(ObjectNode.class::cast)
                .findFirst();
    }

    /** The named pool; a name the file does not hold is bad input that lists the names it does. */
    ObjectNode existingPool(String name) {
        return pool(name).orElseThrow(() -> FleetException.noSuchPool(name, current, path()));
    }

    /** A new pool with only its name, appended to the file's pools. */
    ObjectNode addPool(String name) {
        return pools().addObject().put("name", name);
    }

    /** The config the edited JSON describes; throws ConfigException with every rule it breaks. */
    FleetConfig result() {
        return ConfigParser.parse(Json.write(root));
    }

    /** Replaces the file atomically with {@code config}. */
    void save(FleetConfig config) {
        store.save(config);
    }

    private ArrayNode pools() {
        JsonNode pools = root.path("pools");
        return pools.isArray() ? (ArrayNode) pools : root.putArray("pools");
    }
}
