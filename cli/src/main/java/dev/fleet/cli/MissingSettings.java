package dev.fleet.cli;

import dev.fleet.config.ConfigException;
import dev.fleet.config.ConfigProblem;
import dev.fleet.config.FleetConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an edit still lacks, each naming the option that supplies it. The config's own rules would report some of the
 * same gaps in the file's terms; those are left out, so every problem is said once, the way the user can fix it.
 */
final class MissingSettings {
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> restated = new HashSet<>();

    /** @param restates the fields whose validator problem this one replaces */
    void add(String path, String message, String... restates) {
        problems.add(new ConfigProblem(path, message));
        restated.add(path);
        restated.addAll(List.of(restates));
    }

    /** The edited config, or a ConfigException with every problem: these first, then the validator's. */
    FleetConfig validate(ConfigEdit edit) {
        List<ConfigProblem> all = new ArrayList<>(problems);
        try {
            FleetConfig config = edit.result();
            if (all.isEmpty()) {
                return config;
            }
        } catch (ConfigException e) {
            e.problems().stream().filter(problem -> !restated.contains(problem.path())).forEach(all::add);
        }
        throw new ConfigException(all);
    }
}
