package dev.fleet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.autoscaler.DurationText;
import dev.fleet.cli.command.DurationConverter;
import dev.fleet.cli.command.Json;
import dev.fleet.config.PoolConfig;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** A pool's runners: their labels and registration, and how many the pool keeps. */
final class RunnerOptions {
    @Option(names = "--labels", split = ",", paramLabel = "LABEL,...",
            description = "Labels the runners carry besides GitHub's self-hosted, Linux and X64; a job runs on the "
                    + "pool when the runners carry all of its runs-on labels.")
    List<String> labels;

    @Option(names = "--default-labels", negatable = true,
            description = "Give the runners self-hosted, Linux and X64 besides --labels (the default); "
                    + "--no-default-labels gives them only --labels.")
    Boolean defaultLabels;

    @Option(names = "--min-runners", paramLabel = "N", description = "Runners kept even with no jobs queued "
            + "(default 0).")
    Integer minRunners;

    @Option(names = "--max-runners", paramLabel = "N", description = "Runners the pool never goes beyond "
            + "(default 10).")
    Integer maxRunners;

    @Option(names = "--policy", paramLabel = "POLICY",
            description = "Scaling policy: fleet (default), fleet:H, azlin, min-idle or min-idle:N; see 'fleet "
                    + "simulate'.")
    String policy;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a runner may idle before it is removed, like 10m.")
    Duration idleTimeout;

    @Option(names = "--registration", paramLabel = "MODE",
            description = "How runners register: token (config.sh with a registration token, the default) or jit "
                    + "(a just-in-time config for exactly one runner).")
    PoolConfig.Registration registration;

    @Option(names = "--runner-version", paramLabel = "VERSION",
            description = "actions/runner version, like 2.330.0, or latest (the default).")
    String runnerVersion;

    @Option(names = "--download-url-template", paramLabel = "URL",
            description = "Where VMs download the runner package, with {version} for its version: a mirror, or a "
                    + "server inside an air-gapped network (default: the actions/runner release on GitHub). No "
                    + "user:password@ in it: every VM and every log would see them.")
    String downloadUrlTemplate;

    /** Lays the options given over {@code pool}. */
    void applyTo(ObjectNode pool) {
        if (labels != null) {
            Json.putStrings(pool, "labels", labels);
        }
        if (defaultLabels != null) {
            pool.put("noDefaultLabels", !defaultLabels);
        }
        if (registration != null) {
            pool.put("registration", Json.text(registration));
        }
        if (runnerVersion != null) {
            pool.put("runnerVersion", runnerVersion);
        }
        if (downloadUrlTemplate != null) {
            pool.put("downloadUrlTemplate", downloadUrlTemplate);
        }
        ObjectNode scaling = pool.withObjectProperty("scaling");
        if (policy != null) {
            scaling.put("policy", policy);
        }
        if (minRunners != null) {
            scaling.put("minRunners", minRunners);
        }
        if (maxRunners != null) {
            scaling.put("maxRunners", maxRunners);
        }
        if (idleTimeout != null) {
            scaling.put("idleTimeout", DurationText.format(idleTimeout));
        }
    }
}
