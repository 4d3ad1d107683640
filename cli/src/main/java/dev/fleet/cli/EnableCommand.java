package dev.fleet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.autoscaler.DurationText;
import dev.fleet.config.AzurePlacement;
import dev.fleet.config.AzureSettings;
import dev.fleet.config.ConfigException;
import dev.fleet.config.ConfigProblem;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.lifecycle.PoolContext;
import dev.fleet.lifecycle.azure.AzureAccount;
import dev.fleet.lifecycle.azure.AzureVmProviderFactory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code fleet github-runner enable}: adds a pool, or enables one again. Like {@code kubectl apply} it is safe to
 * repeat: the options are laid over the pool as the file holds it, and when that changes nothing, nothing happens.
 * Unlike it, changing an existing pool's settings takes {@code --update}, so that a typo cannot rewrite a pool that
 * runs jobs. The whole config is validated before anything is asked of GitHub or Azure, and the file is written only
 * after both agreed.
 */
@Command(
        name = "enable",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Add a pool of runners for a repository or an organization, or enable a disabled one again.",
            "",
            "Options not given keep the pool's current value (a new pool's default). Repeating an enable is harmless; "
                    + "changing an existing pool's settings takes --update. Before saving, fleet checks that the "
                    + "repository or organization exists and the GitHub credential may register its runners, that "
                    + "the Azure subscription can be used, and creates the resource group when it is missing "
                    + "(tagged managed-by=fleet).",
            "",
            "The first pool also sets the Azure settings every pool shares: --subscription (or "
                    + "AZURE_SUBSCRIPTION_ID), --resource-group, --location and --ssh-allowed-cidrs. Later pools "
                    + "may place their VMs in another resource group or location.",
            ""})
final class EnableCommand implements Callable<Integer> {
    private static final String ENABLED = "enabled";

    @ParentCommand
    GitHubRunnerCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--pool", required = true, paramLabel = "NAME",
            description = "The pool's name: letters, digits, '-' and '_'. VM and runner names start with it.")
    String pool;

    @ArgGroup(exclusive = true)
    Scope scope;

    /** Whose jobs the pool serves. */
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

    @Option(names = "--labels", split = ",", paramLabel = "LABEL,...",
            description = "Labels the runners carry besides GitHub's self-hosted, Linux and X64; a job runs on the "
                    + "pool when the runners carry all of its runs-on labels.")
    List<String> labels;

    @Option(names = "--no-default-labels", negatable = true,
            description = "Give the runners only --labels, without self-hosted, Linux and X64.")
    Boolean noDefaultLabels;

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

    @Option(names = "--vm-size", paramLabel = "SIZE", description = "Azure VM size, like Standard_D4s_v5 "
            + "(default: azure.vmSize, " + AzureSettings.DEFAULT_VM_SIZE + ").")
    String vmSize;

    @Option(names = "--image", paramLabel = "URN", description = "Marketplace image publisher:offer:sku:version "
            + "(default: azure.image, " + AzureSettings.DEFAULT_IMAGE + ").")
    String image;

    @Option(names = "--resource-group", paramLabel = "NAME",
            description = "Resource group of the pool's VMs; created when missing. The first pool sets "
                    + "azure.resourceGroup, later ones override it for themselves.")
    String resourceGroup;

    @Option(names = "--location", paramLabel = "REGION", description = "Azure region of the pool's VMs, like "
            + "westeurope. The first pool sets azure.location, later ones override it for themselves.")
    String location;

    @Option(names = "--spot", negatable = true, description = "Run the VMs as Spot VMs: cheaper, and Azure may "
            + "evict them.")
    Boolean spot;

    @Option(names = "--private-ip", negatable = true, description = "Give the VMs no public IP; fleet must then reach "
            + "their virtual network.")
    Boolean privateIp;

    @Option(names = "--registration", paramLabel = "MODE",
            description = "How runners register: token (config.sh with a registration token, the default) or jit "
                    + "(a just-in-time config for exactly one runner).")
    PoolConfig.Registration registration;

    @Option(names = "--runner-group", paramLabel = "NAME", description = "For --org: the runner group the runners "
            + "join (default: Default).")
    String runnerGroup;

    @Option(names = "--runner-version", paramLabel = "VERSION",
            description = "actions/runner version, like 2.330.0, or latest (the default).")
    String runnerVersion;

    @Option(names = "--subscription", paramLabel = "ID", description = "Azure subscription of every pool, set by the "
            + "first one (default: $" + AzureVmProviderFactory.SUBSCRIPTION_ENV + ").")
    String subscription;

    @Option(names = "--ssh-allowed-cidrs", split = ",", paramLabel = "CIDR,...",
            description = "Addresses fleet connects to the VMs' SSH from, like 203.0.113.7/32 for this machine; set "
                    + "by the first pool for every pool.")
    List<String> sshAllowedCidrs;

    @Option(names = "--update", description = "Allow changing an existing pool's settings.")
    boolean update;

    @Option(names = "--no-reconcile", description = "Only save the pool; leave its runners to the next reconcile.")
    boolean noReconcile;

    @Mixin
    OutputOption output;

    /** What enable did to the pool. */
    enum Action { created, updated, enabled, unchanged }

    @Override
    public Integer call() {
        Fleet fleet = parent.fleet;
        ConfigEdit edit = ConfigEdit.load(fleet.configLocation());
        Optional<PoolConfig> existing = edit.current().pool(pool);
        ObjectNode node = edit.pool(pool).orElseGet(() -> edit.addPool(pool));
        List<ConfigProblem> missing = new ArrayList<>();
        Set<String> explained = new HashSet<>();
        applyScope(node);
        applyRunnerSettings(node);
        applyPlacement(edit, node, missing, explained);
        node.put(ENABLED, true);
        FleetConfig next = validated(edit, missing, explained);

        Action action = existing.map(before -> change(edit.current(), next, before)).orElse(Action.created);
        if (action == Action.unchanged) {
            printUnchanged(edit);
            return ExitCode.OK;
        }
        PoolConfig enabled = next.pool(pool).orElseThrow();
        AzurePlacement placement = next.placement(enabled);
        FleetServices services = fleet.wiring().services().of(next);
        services.runnerAccess().verify(PoolContext.of(next, enabled).scope());
        AzureAccount.Subscription subscriptionInfo = services.azureAccount().checkSubscription();
        boolean groupCreated = services.azureAccount().ensureResourceGroup(placement.resourceGroup(),
                placement.location());
        edit.save(next);

        new EnableReport(action, enabled, placement, subscriptionInfo, groupCreated, edit.path()).print(out(), output);
        if (!noReconcile) {
            fleet.wiring().reconcile().afterSave(next, pool, false, output.json() ? err() : out());
        }
        return ExitCode.OK;
    }

    private void applyScope(ObjectNode node) {
        if (scope != null && scope.repo != null) {
            node.put("repo", scope.repo);
            // A repository pool has neither an organization nor its repository list or runner groups.
            node.remove(List.of("org", "repos", "runnerGroup"));
        } else if (scope != null) {
            node.put("org", scope.org);
            node.remove("repo");
        }
        if (repos != null) {
            Json.putStrings(node, "repos", repos);
        }
        if (runnerGroup != null) {
            node.put("runnerGroup", runnerGroup);
        }
    }

    private void applyRunnerSettings(ObjectNode node) {
        if (labels != null) {
            Json.putStrings(node, "labels", labels);
        }
        if (noDefaultLabels != null) {
            node.put("noDefaultLabels", noDefaultLabels);
        }
        if (registration != null) {
            node.put("registration", Json.text(registration));
        }
        if (runnerVersion != null) {
            node.put("runnerVersion", runnerVersion);
        }
        ObjectNode scaling = node.withObjectProperty("scaling");
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

    /**
     * The subscription, the SSH sources and, for the first pool, the resource group and location are the settings
     * every pool shares; a later pool's own group, location, size and image are kept only where they differ.
     */
    private void applyPlacement(ConfigEdit edit, ObjectNode node, List<ConfigProblem> missing, Set<String> explained) {
        AzureSettings global = edit.current().azure();
        ObjectNode azure = edit.azure();
        ObjectNode own = node.withObjectProperty("azure");
        String poolPath = "pools[" + pool + "]";
        String subscriptionId = subscription != null ? subscription
                : parent.fleet.env().get(AzureVmProviderFactory.SUBSCRIPTION_ENV);
        if (global.subscriptionId() == null) {
            shared(azure, "subscriptionId", subscriptionId, "--subscription (or set "
                    + AzureVmProviderFactory.SUBSCRIPTION_ENV + ")", missing, explained);
        } else if (subscription != null && !subscription.equals(global.subscriptionId())) {
            missing.add(new ConfigProblem("azure.subscriptionId", "every pool uses subscription "
                    + global.subscriptionId() + "; to move them to " + subscription + ", edit " + edit.path()));
        }
        placed(azure, own, "resourceGroup", resourceGroup, global.resourceGroup(), "--resource-group", missing,
                explained);
        placed(azure, own, "location", location, global.location(), "--location", missing, explained);
        override(own, "vmSize", vmSize, global.vmSize());
        override(own, "image", image, global.image());
        overrideFlag(own, "spot", spot);
        overrideFlag(own, "privateIp", privateIp);
        boolean publicIp = !own.path("privateIp").asBoolean(false);
        if (sshAllowedCidrs != null && !global.sshAllowedCidrs().isEmpty()
                && !Set.copyOf(sshAllowedCidrs).equals(Set.copyOf(global.sshAllowedCidrs()))) {
            missing.add(new ConfigProblem("azure.sshAllowedCidrs", "every pool admits SSH from "
                    + String.join(",", global.sshAllowedCidrs()) + "; to change that for all of them, edit "
                    + edit.path()));
        } else if (sshAllowedCidrs != null) {
            Json.putStrings(azure, "sshAllowedCidrs", sshAllowedCidrs);
        } else if (global.sshAllowedCidrs().isEmpty() && publicIp) {
            missing.add(new ConfigProblem("azure.sshAllowedCidrs", "not set yet: pass --ssh-allowed-cidrs with the "
                    + "addresses fleet connects from (this machine's public IP as 203.0.113.7/32), or --private-ip"));
        }
        if (node.path("org").isTextual() && !node.path("repos").elements().hasNext()) {
            missing.add(new ConfigProblem(poolPath + ".repos", "an organization pool serves the repositories it "
                    + "names, since GitHub lists queued jobs per repository: pass --repos"));
        }
    }

    /** A setting every pool shares, given now while the config has none. */
    private static void shared(ObjectNode azure, String field, String value, String option,
            List<ConfigProblem> missing, Set<String> explained) {
        if (value == null) {
            missing.add(new ConfigProblem("azure." + field, "not set yet: pass " + option));
            explained.add("azure." + field);
        } else {
            azure.put(field, value);
        }
    }

    /** Resource group and location: the shared setting while there is none, else the pool's own where it differs. */
    private void placed(ObjectNode azure, ObjectNode own, String field, String value, String global, String option,
            List<ConfigProblem> missing, Set<String> explained) {
        if (global != null) {
            override(own, field, value, global);
        } else if (value != null || !own.path(field).isTextual()) {
            shared(azure, field, value, option, missing, explained);
            explained.add("pools[" + pool + "].azure." + field);
        }
    }

    /** A pool's own Azure setting, kept only where it differs from what the pool would get anyway. */
    private static void override(ObjectNode own, String field, String value, String inherited) {
        if (value == null) {
            return;
        }
        if (value.equals(inherited)) {
            own.remove(field);
        } else {
            own.put(field, value);
        }
    }

    private static void overrideFlag(ObjectNode own, String field, Boolean value) {
        if (Boolean.TRUE.equals(value)) {
            own.put(field, true);
        } else if (value != null) {
            own.remove(field);
        }
    }

    /**
     * The edited config, or every problem at once: the options still missing, then the validator's, less those that
     * only restate a missing option.
     */
    private static FleetConfig validated(ConfigEdit edit, List<ConfigProblem> missing, Set<String> explained) {
        List<ConfigProblem> problems = new ArrayList<>(missing);
        try {
            FleetConfig next = edit.result();
            if (problems.isEmpty()) {
                return next;
            }
        } catch (ConfigException e) {
            e.problems().stream().filter(problem -> !explained.contains(problem.path())).forEach(problems::add);
        }
        throw new ConfigException(problems);
    }

    /** What enabling does to a pool the file holds; refuses a change of its settings without --update. */
    private Action change(FleetConfig before, FleetConfig after, PoolConfig existing) {
        String enabledPath = "pools[" + pool + "]." + ENABLED;
        List<ConfigChange> changes = ConfigChange.between(before, after).stream()
                .filter(change -> !change.path().equals(enabledPath))
                .toList();
        if (changes.isEmpty()) {
            return existing.enabled() ? Action.unchanged : Action.enabled;
        }
        if (!update) {
            List<ConfigProblem> problems = new ArrayList<>();
            problems.add(new ConfigProblem("", "pool " + pool + " exists and these options would change it; "
                    + "pass --update to change it (nothing was changed):"));
            changes.forEach(change -> problems.add(new ConfigProblem(change.path(), change.fromTo())));
            throw new ConfigException(problems);
        }
        return Action.updated;
    }

    private void printUnchanged(ConfigEdit edit) {
        if (output.json()) {
            ObjectNode json = Json.object().put("pool", pool).put("action", Action.unchanged.name())
                    .put("config", edit.path().toString());
            out().println(Json.write(json));
        } else {
            out().println("pool " + pool + " is already enabled with these settings; nothing changed ("
                    + edit.path() + ")");
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
