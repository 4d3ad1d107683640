package dev.fleet.lifecycle.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The options actions/runner accepts per script, read from {@code actions-runner/flags.json}. */
final class RunnerFlags {
    private static final Map<String, String> COMMAND_OF_SCRIPT = Map.of("config.sh", "configure", "run.sh", "run");

    private final JsonNode commands;

    private RunnerFlags(JsonNode commands) {
        this.commands = commands;
    }

    static RunnerFlags load() {
        try (InputStream in = RunnerFlags.class.getResourceAsStream("/actions-runner/flags.json")) {
            return new RunnerFlags(new ObjectMapper().readTree(in).get("commands"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What in {@code argv} the runner would not accept for {@code script}: unknown options, an
     * argument option without a value, and anything that is neither option nor value.
     */
    List<String> problems(String script, List<String> argv) {
        JsonNode command = commands.get(COMMAND_OF_SCRIPT.get(script));
        Set<String> flags = names(command.get("flags"));
        Set<String> args = names(command.get("args"));
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String word = argv.get(i);
            String name = word.startsWith("--") ? word.substring(2) : null;
            if (name != null && flags.contains(name)) {
                continue;
            }
            if (name != null && args.contains(name)) {
                if (i + 1 == argv.size() || argv.get(i + 1).startsWith("--")) {
                    problems.add(word + " needs a value");
                } else {
                    i++;
                }
                continue;
            }
            problems.add(script + " does not accept " + word);
        }
        return problems;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new HashSet<>();
        array.forEach(node -> names.add(node.asText()));
        return names;
    }
}
