package dev.fleet.cli;

import dev.fleet.cli.command.CommandGroup;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.Json;
import dev.fleet.cli.command.OutputOption;
import dev.fleet.cli.command.TextTable;
import dev.fleet.config.AzurePlacement;
import dev.fleet.config.AzureSettings;
import dev.fleet.config.ConfigLocation;
import dev.fleet.config.ConfigParser;
import dev.fleet.config.ConfigSchema;
import dev.fleet.config.ConfigStore;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.config.ScalingSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code fleet config}: where the config file is, what it holds, whether it is valid, and its JSON Schema. */
@Command(name = "config", description = "Locate, show and check the config file.", mixinStandardHelpOptions = true)
final class ConfigCommand extends CommandGroup {
    @ParentCommand
    Fleet fleet;

    @Command(name = "path", mixinStandardHelpOptions = true, description =
            "Print the config file's path and which setting chose it.")
    int path(@Mixin OutputOption output) {
        ConfigLocation location = fleet.configLocation();
        boolean exists = new ConfigStore(location.path()).exists();
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("path", location.path().toString());
            json.put("source", location.source().description());
            json.put("exists", exists);
            out().println(Json.write(json));
        } else {
            out().println(location.path() + "  (from " + location.source().description()
                    + (exists ? ")" : "; the file does not exist yet)"));
        }
        return ExitCode.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description =
            "Print the effective config: the file with every default filled in.")
    int show(@Mixin OutputOption output) {
        ConfigLocation location = fleet.configLocation();
        ConfigStore store = new ConfigStore(location.path());
        FleetConfig config = store.load();
        String missing = location.path() + " does not exist yet; showing the defaults";
        if (output.json()) {
            if (!store.exists()) {
                // stdout stays pure JSON for scripts.
                err().println("fleet: " + missing);
            }
            out().print(ConfigParser.toJson(config));
            return ExitCode.OK;
        }
        if (!store.exists()) {
            out().println(missing);
        }
        printTable(location, config);
        return ExitCode.OK;
    }

    @Command(name = "validate", mixinStandardHelpOptions = true, description =
            "Check the config file; exit 2 listing every problem if it is invalid.")
    int validate() {
        ConfigLocation location = fleet.configLocation();
        ConfigStore store = new ConfigStore(location.path());
        int pools = store.load().pools().size();
        out().println("config OK: " + pools + (pools == 1 ? " pool" : " pools") + " (" + location.path()
                + (store.exists() ? ")" : " does not exist yet; the defaults apply)"));
        return ExitCode.OK;
    }

    @Command(name = "schema", mixinStandardHelpOptions = true, description =
            "Print the config file's JSON Schema (draft 2020-12).")
    int schema() {
        out().print(ConfigSchema.json());
        return ExitCode.OK;
    }

    private void printTable(ConfigLocation location, FleetConfig config) {
        AzureSettings azure = config.azure();
        new TextTable("SETTING", "VALUE")
                .row("config", location.path() + " (from " + location.source().description() + ")")
                .row("github", config.github().apiUrl() + ", auth " + Json.text(config.github().auth()))
                .row("azure", Json.text(azure.environment()) + ", credential " + Json.text(azure.credential())
                        + ", subscription " + orDash(azure.subscriptionId()))
                .row("ssh", "user " + azure.adminUser() + ", port " + azure.sshPort() + ", from "
                        + (azure.sshAllowedCidrs().isEmpty() ? "-" : String.join(",", azure.sshAllowedCidrs())))
                .print(out());
        out().println();
        if (config.pools().isEmpty()) {
            out().println("no pools");
            return;
        }
        TextTable pools = new TextTable("POOL", "SCOPE", "LABELS", "POLICY", "RUNNERS", "SIZE", "VM SIZE",
                "LOCATION", "RESOURCE GROUP", "ENABLED");
        for (PoolConfig pool : config.pools()) {
            AzurePlacement placement = config.placement(pool);
            ScalingSettings scaling = pool.scaling();
            pools.row(pool.name(), pool.scope(), pool.labels().isEmpty() ? "-" : String.join(",", pool.labels()),
                    scaling.policy(), scaling.minRunners() + "-" + scaling.maxRunners(),
                    pool.manualSize() == null ? "auto" : "manual " + pool.manualSize(),
                    placement.vmSize() + (placement.spot() ? " (spot)" : ""), orDash(placement.location()),
                    orDash(placement.resourceGroup()), pool.enabled() ? "yes" : "no");
        }
        pools.print(out());
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
