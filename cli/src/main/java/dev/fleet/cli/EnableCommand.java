package dev.fleet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.FleetException;
import dev.fleet.cli.command.FleetCommand;
import dev.fleet.cli.command.Json;
import dev.fleet.cli.command.OutputOption;
import dev.fleet.config.AzurePlacement;
import dev.fleet.config.ConfigException;
import dev.fleet.config.ConfigProblem;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.RunnerScope;
import dev.fleet.github.Secret;
import dev.fleet.github.Webhooks;
import dev.fleet.lifecycle.PoolContext;
import dev.fleet.lifecycle.azure.AzureAccount;
import dev.fleet.lifecycle.azure.AzureVmProviderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

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
            "With --webhook-url, GitHub also sends the pool's workflow_job events to 'fleet serve': enable creates "
                    + "or updates the webhook (this needs FLEET_WEBHOOK_SECRET in the environment, and a token that "
                    + "may administer the repository's webhooks, or an organization owner's), and a repeated enable "
                    + "with it sets the secret again.",
            "",
            "The first pool also sets the Azure settings every pool shares: --subscription (or "
                    + "AZURE_SUBSCRIPTION_ID), --resource-group, --location and --ssh-allowed-cidrs. Later pools "
                    + "may place their VMs in another resource group or location.",
            ""})
final class EnableCommand extends FleetCommand {
    private static final String ENABLED = "enabled";
    private static final String WEBHOOK_URL = "webhookUrl";

    @ParentCommand
    GitHubRunnerCommand parent;

    @Option(names = "--pool", required = true, paramLabel = "NAME",
            description = "The pool's name: letters, digits, '-' and '_'. VM and runner names start with it.")
    String pool;

    @Mixin
    ScopeOptions scope;

    @Mixin
    RunnerOptions runners;

    @Mixin
    PlacementOptions placement;

    @Option(names = "--webhook-url", paramLabel = "URL", description = "Where GitHub delivers the pool's "
            + "workflow_job events: the /webhook of 'fleet serve', e.g. https://fleet.example.com/webhook (https; "
            + "http only on this machine). Creates or updates the repository's or organization's webhook, signed "
            + "with FLEET_WEBHOOK_SECRET from the environment, and saves the URL in the pool.")
    String webhookUrl;

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
        MissingSettings missing = new MissingSettings();
        scope.applyTo(node, path(), missing);
        runners.applyTo(node);
        placement.applyTo(edit, node, path(), fleet.env().get(AzureVmProviderFactory.SUBSCRIPTION_ENV), missing);
        node.put(ENABLED, true);
        if (webhookUrl != null) {
            node.put(WEBHOOK_URL, webhookUrl);
        }
        FleetConfig next = missing.validate(edit);
        PoolConfig enabled = next.pool(pool).orElseThrow();
        RunnerScope scope = PoolContext.of(next, enabled).scope();
        Optional<Secret> hookSecret = hookSecret(existing.map(before -> PoolContext.of(edit.current(), before).scope()),
                scope, enabled.webhookUrl(), fleet.env());

        Action action = existing.map(before -> change(edit.current(), next, before)).orElse(Action.created);
        if (action == Action.unchanged) {
            // GitHub never shows a webhook's secret, so a repeated --webhook-url sets it again: that rotates it.
            Optional<Webhooks.Ensured> hook = hookSecret.map(secret ->
                    fleet.services(next).webhooks().ensure(scope, enabled.webhookUrl(), secret));
            printUnchanged(edit, hook);
            return ExitCode.OK;
        }
        AzurePlacement where = next.placement(enabled);
        FleetServices services = fleet.services(next);
        services.runnerAccess().verify(scope);
        // Read before anything changes, so that a token that may not administer webhooks stops the enable here.
        hookSecret.ifPresent(secret -> services.webhooks().find(scope, enabled.webhookUrl()));
        AzureAccount.Subscription subscription = services.azureAccount().checkSubscription();
        boolean groupCreated = services.azureAccount().ensureResourceGroup(where.resourceGroup(), where.location());
        Optional<Webhooks.Ensured> hook = hookSecret.map(secret ->
                services.webhooks().ensure(scope, enabled.webhookUrl(), secret));
        edit.save(next);

        new EnableReport(action, enabled, where, subscription, groupCreated, hook, edit.path()).print(out(), output);
        if (!noReconcile) {
            fleet.wiring().reconcile().afterSave(services, next, pool, false, output.json() ? err() : out(),
                    terminal());
        }
        return ExitCode.OK;
    }

    /**
     * The webhook secret when this enable must set up the pool's webhook: --webhook-url was given, or the pool keeps
     * one and moves to another repository or organization. Without the secret in the environment nothing is done.
     */
    private Optional<Secret> hookSecret(Optional<RunnerScope> before, RunnerScope after, String url,
                                        Map<String, String> env) {
        boolean moves = url != null && before.isPresent() && !before.get().equals(after);
        if (webhookUrl == null && !moves) {
            return Optional.empty();
        }
        String secret = env.get(Webhooks.SECRET_ENV);
        if (secret == null || secret.isBlank()) {
            throw FleetException.badInput(Webhooks.SECRET_ENV + ": must be set to the secret GitHub signs the "
                    + "webhook's deliveries with, the same 'fleet serve' checks them by (nothing was changed)");
        }
        return Optional.of(Secret.of(secret));
    }

    /** What enabling does to a pool the file holds; refuses a change of its settings without --update. */
    private Action change(FleetConfig before, FleetConfig after, PoolConfig existing) {
        String enabledPath = path() + "." + ENABLED;
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
        PoolMoves.refuseWhileOccupied(before, after, changes, parent.fleet.wiring().services());
        return Action.updated;
    }

    private void printUnchanged(ConfigEdit edit, Optional<Webhooks.Ensured> hook) {
        if (output.json()) {
            ObjectNode json = Json.object().put("pool", pool).put("action", Action.unchanged.name())
                    .put("config", edit.path().toString());
            hook.ifPresent(ensured -> EnableReport.webhook(json, ensured));
            out().println(Json.write(json));
        } else {
            out().println("pool " + pool + " is already enabled with these settings; "
                    + hook.map(ensured -> "its webhook " + EnableReport.webhookText(ensured) + ", the config is "
                            + "unchanged").orElse("nothing changed") + " (" + edit.path() + ")");
        }
    }

    /** The pool as the validator names it. */
    private String path() {
        return "pools[" + pool + "]";
    }
}
