package dev.fleet.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A config that cannot be used, with every problem found, and the file they were found in when there was one. The
 * message is one line per problem.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;
    private final transient Path file;

    public ConfigException(List<ConfigProblem> problems) {
        this(null, problems);
    }

    public ConfigException(Path file, List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
        this.file = file;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
