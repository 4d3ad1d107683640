package dev.fleet.cli.simulate;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.autoscaler.Policies;
import dev.fleet.autoscaler.ScalingConfig;
import dev.fleet.autoscaler.ScalingPolicy;
import dev.fleet.autoscaler.sim.BootTime;
import dev.fleet.autoscaler.sim.PolicyResult;
import dev.fleet.autoscaler.sim.SimulationSettings;
import dev.fleet.autoscaler.sim.Simulator;
import dev.fleet.autoscaler.sim.Trace;
import dev.fleet.autoscaler.sim.Trigger;
import dev.fleet.cli.command.Bounds;
import dev.fleet.cli.command.DurationConverter;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.FleetCommand;
import dev.fleet.cli.command.FleetException;
import dev.fleet.cli.command.OutputOption;
import dev.fleet.config.ConfigStore;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fleet simulate}: replays a job trace against scaling policies, through the function reconcile calls. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Replays a job trace against scaling policies and reports, side by side, how long jobs wait and what the "
                    + "pool costs in VM-minutes. It calls the very scaling function 'fleet reconcile' calls, and "
                    + "needs no credentials.",
            "",
            "The trace is CSV with the header queued_at_s,duration_s,labels (labels separated by ';'); "
                    + "'fleet simulate generate' makes synthetic ones. A reconcile runs every --interval, a VM takes "
                    + "the boot time to become an idle runner, takes one job, and is deleted when the job ends "
                    + "(--trigger webhook: when its completed delivery comes).",
            ""},
        subcommands = GenerateTraceCommand.class)
public final class SimulateCommand extends FleetCommand {
    /** Without a pool config, the cap is set high so that the trace, not the cap, shows what a pool needs. */
    static final int DEFAULT_MAX_RUNNERS = 100;

    @Option(names = "--trace", paramLabel = "FILE", description = "The job trace (CSV) to replay.")
    Path trace;

    @Option(names = "--policy", paramLabel = "LIST", defaultValue = "azlin,min-idle,fleet",
            description = "Policies to compare, comma-separated: azlin, min-idle, min-idle:N, fleet, fleet:H "
                    + "(default: ${DEFAULT-VALUE}).")
    String policies;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How often reconcile runs (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--trigger", paramLabel = "poll|webhook", defaultValue = "poll",
            description = "What runs a pass besides the one every --interval: nothing (poll), or GitHub's workflow_job "
                    + "deliveries as 'fleet serve' takes them (webhook): a queued job runs a pass, a finished one's "
                    + "VM goes at once (default: ${DEFAULT-VALUE}).")
    String trigger;

    @Option(names = "--delivery-latency", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --trigger webhook: time from a job's event to its delivery (default: 1s).")
    Duration deliveryLatency;

    @ArgGroup(exclusive = true)
    Boot boot = new Boot();

    static final class Boot {
        @Option(names = "--boot", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Time from VM create to runner online (default: 90s).")
        Duration fixed;

        @Option(names = "--boot-dist", paramLabel = "FILE",
                description = "Observed boot times, one a line (90s, 2m10s or seconds), drawn at random.")
        Path distribution;
    }

    @Option(names = "--pool-config", paramLabel = "FILE",
            description = "A fleet config file (as 'fleet config show -o json' prints) whose pool gives the labels "
                    + "and scaling limits (default: a self-hosted Linux X64 pool, min 0, max "
                    + DEFAULT_MAX_RUNNERS + ", the seed's other defaults).")
    Path poolConfig;

    @Option(names = "--pool", paramLabel = "NAME", description = "The pool of --pool-config (needed if it has several).")
    String pool;

    @Option(names = "--min-runners", paramLabel = "N", description = "Overrides the pool's min.")
    Integer minRunners;

    @Option(names = "--max-runners", paramLabel = "N", description = "Overrides the pool's max.")
    Integer maxRunners;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed for drawing boot times (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--chart", paramLabel = "FILE.svg", description = "Also write an SVG chart of queue and runners.")
    Path chart;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws IOException {
        if (trace == null) {
            throw FleetException.badInput("--trace is required; 'fleet simulate generate --help' shows how to make one");
        }
        List<ScalingPolicy> chosen = parsePolicies();
        if (chart != null) {
            OptionFiles.checkOutput("--chart", chart);
        }
        SimulationSettings settings = settings();
        Trace jobs = readTrace();
        try {
            Simulator.checkReconciles(jobs, settings);
        } catch (IllegalArgumentException e) {
            throw FleetException.badInput("--interval: " + e.getMessage());
        }
        Simulator simulator = new Simulator();
        // Each run is independent and single-threaded: run the policies side by side on the machine's cores.
        List<PolicyResult> results = chosen.parallelStream().map(policy -> simulator.run(jobs, policy, settings)).toList();
        SimulationReport report = new SimulationReport(
                new SimulationReport.Passes(settings.interval(), settings.trigger()), results,
                simulator.lowerBound(jobs, settings));
        if (chart != null) {
            Files.writeString(chart, SvgChart.render(results), StandardCharsets.UTF_8);
        }
        out().print(output.json() ? report.json() : report.table());
        out().flush();
        return ExitCode.OK;
    }

    private List<ScalingPolicy> parsePolicies() {
        try {
            return Policies.parseList(policies);
        } catch (IllegalArgumentException e) {
            throw FleetException.badInput("--policy: " + e.getMessage());
        }
    }

    private SimulationSettings settings() throws IOException {
        Set<String> labels = SimulationSettings.DEFAULT_POOL_LABELS;
        ScalingConfig limits = ScalingConfig.DEFAULTS.withLimits(0, DEFAULT_MAX_RUNNERS);
        if (poolConfig != null) {
            if (!Files.exists(poolConfig)) {
                throw FleetException.badInput("--pool-config: " + poolConfig + " does not exist");
            }
            PoolConfig chosen = chosenPool(new ConfigStore(poolConfig).load());
            labels = chosen.runnerLabels();
            limits = chosen.scaling().toScalingConfig();
        } else if (pool != null) {
            throw FleetException.badInput("--pool: needs --pool-config, the file that holds the pool");
        }
        int min = minRunners == null ? limits.min()
                : Bounds.count("--min-runners", minRunners, 0, ScalingConfig.MAX_RUNNERS);
        int max = maxRunners == null ? limits.max()
                : Bounds.count("--max-runners", maxRunners, 0, ScalingConfig.MAX_RUNNERS);
        if (max < min) {
            throw FleetException.badInput("--min-runners/--max-runners: need 0 <= min <= max, were " + min + " and "
                    + max);
        }
        Bounds.duration("--interval", interval, SimulationSettings.MIN_INTERVAL, SimulationSettings.MAX_INTERVAL);
        return new SimulationSettings(interval, bootTime(), limits.withLimits(min, max), labels,
                SimulationSettings.DEFAULT_ARRIVAL_WINDOW, SimulationSettings.DEFAULT_DRAIN_LIMIT, seed, trigger());
    }

    private Trigger trigger() {
        switch (trigger) {
            case "poll":
                if (deliveryLatency != null) {
                    throw FleetException.badInput("--delivery-latency: needs --trigger webhook");
                }
                return Trigger.POLL;
            case "webhook":
                return Trigger.webhook(deliveryLatency == null ? Trigger.DEFAULT_DELIVERY_LATENCY
                        : Bounds.duration("--delivery-latency", deliveryLatency, Duration.ZERO,
                                Trigger.MAX_DELIVERY_LATENCY));
            default:
                throw FleetException.badInput("--trigger: must be poll or webhook, was " + trigger);
        }
    }

    private PoolConfig chosenPool(FleetConfig config) {
        if (pool != null) {
            return config.pool(pool).orElseThrow(() -> FleetException.badInput(
                    "--pool: " + poolConfig + " has no pool '" + pool + "'; it has " + poolNames(config)));
        }
        if (config.pools().size() != 1) {
            throw FleetException.badInput("--pool: " + poolConfig + " has " + config.pools().size()
                    + " pools; name one of " + poolNames(config));
        }
        return config.pools().get(0);
    }

    private static String poolNames(FleetConfig config) {
        return config.pools().isEmpty() ? "none"
                : config.pools().stream().map(PoolConfig::name).collect(Collectors.joining(", "));
    }

    private BootTime bootTime() throws IOException {
        if (boot.distribution == null) {
            return BootTime.fixed(boot.fixed == null ? SimulationSettings.DEFAULT_BOOT
                    : Bounds.duration("--boot", boot.fixed, Duration.ZERO, BootTime.MAX));
        }
        List<String> lines = OptionFiles.lines("--boot-dist", boot.distribution);
        List<Duration> observed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                observed.add(Bounds.duration(boot.distribution + ":" + (i + 1), DurationText.parse(line), Duration.ZERO,
                        BootTime.MAX));
            } catch (IllegalArgumentException e) {
                throw FleetException.badInput(boot.distribution + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (observed.isEmpty()) {
            throw FleetException.badInput("--boot-dist: " + boot.distribution + " holds no boot times");
        }
        return BootTime.empirical(observed);
    }

    private Trace readTrace() throws IOException {
        try (Reader reader = OptionFiles.open("--trace", trace)) {
            return TraceCsv.read(reader, trace.toString());
        }
    }
}
