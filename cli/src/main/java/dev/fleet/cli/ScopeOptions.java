package dev.fleet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.cli.command.Json;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Whose jobs a pool serves: a repository, or an organization and the repositories whose queues it watches. */
final class ScopeOptions {
    @ArgGroup(exclusive = true)
    Scope scope;

    static final class Scope {
        @Option(names = "--repo", required = true, paramLabel = "OWNER/NAME",
                description = "Serve one repository with repository-level runners.")
        String repo;

        @Option(names = "--org", required = true, paramLabel = "NAME",
                description = "Serve an organization with organization-level runners; name the repositories whose "
                        + "queues to watch with --repos.")
        String org;
    }

    @Option(names = "--repos", split = ",", paramLabel = "NAME,...",
            description = "For --org: the repositories (without owner) whose queued jobs the pool serves.")
    List<String> repos;

    @Option(names = "--runner-group", paramLabel = "NAME", description = "For --org: the runner group the runners "
            + "join (default: Default).")
    String runnerGroup;

    /** Lays the options given over {@code pool}; an organization pool that names no repositories is a gap. */
    void applyTo(ObjectNode pool, String path, MissingSettings missing) {
        if (scope != null && scope.repo != null) {
            pool.put("repo", scope.repo);
            // A repository pool has neither an organization nor its repository list or runner groups.
            pool.remove(List.of("org", "repos", "runnerGroup"));
        } else if (scope != null) {
            pool.put("org", scope.org);
            pool.remove("repo");
        }
        if (repos != null) {
            Json.putStrings(pool, "repos", repos);
        }
        if (runnerGroup != null) {
            pool.put("runnerGroup", runnerGroup);
        }
        if (pool.path("org").isTextual() && pool.path("repos").isEmpty()) {
            missing.add(path + ".repos", "an organization pool serves the repositories it names, since GitHub "
                    + "lists queued jobs per repository: pass --repos");
        }
    }
}
