package dev.fleet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.cli.command.Json;
import dev.fleet.cli.command.OutputOption;
import dev.fleet.cli.command.TextTable;
import dev.fleet.config.AzurePlacement;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.Webhooks;
import dev.fleet.lifecycle.azure.AzureAccount;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** What {@code github-runner enable} did, as a table of the pool's settings or as JSON. */
record EnableReport(EnableCommand.Action action, PoolConfig pool, AzurePlacement placement,
                    AzureAccount.Subscription subscription, boolean resourceGroupCreated,
                    Optional<Webhooks.Ensured> webhook, Path config) {

    /** The webhook enable set up, as {@code "webhook": {"url", "id", "created"}}. */
    static void webhook(ObjectNode json, Webhooks.Ensured ensured) {
        json.putObject("webhook").put("url", ensured.webhook().url()).put("id", ensured.webhook().id())
                .put("created", ensured.created());
    }

    /** "created: URL (workflow_job)" or "updated: ...". */
    static String webhookText(Webhooks.Ensured ensured) {
        return (ensured.created() ? "created: " : "updated: ") + ensured.webhook().url() + " ("
                + String.join(",", ensured.webhook().events()) + ")";
    }

    void print(PrintWriter out, OutputOption output) {
        if (output.json()) {
            ObjectNode json = Json.object()
                    .put("pool", pool.name())
                    .put("action", action.name())
                    .put("config", config.toString())
                    .put("scope", pool.scope());
            json.putObject("subscription").put("id", subscription.id()).put("displayName", subscription.displayName());
            json.putObject("resourceGroup").put("name", placement.resourceGroup())
                    .put("created", resourceGroupCreated);
            webhook.ifPresent(ensured -> webhook(json, ensured));
            out.println(Json.write(json));
            return;
        }
        out.println("pool " + pool.name() + " " + switch (action) {
            case created -> "created";
            case updated -> "updated";
            default -> "enabled again";
        });
        TextTable table = new TextTable("SETTING", "VALUE")
                .row("scope", (pool.isOrgPool() ? "organization " : "repository ") + pool.scope()
                        + (pool.repos().isEmpty() ? "" : " (repos " + String.join(",", pool.repos()) + ")"))
                .row("labels", String.join(",", pool.runnerLabels()))
                .row("runners", pool.scaling().minRunners() + "-" + pool.scaling().maxRunners() + ", policy "
                        + pool.scaling().policy() + (pool.manualSize() == null ? "" : ", manual " + pool.manualSize()))
                .row("vm", placement.vmSize() + (placement.spot() ? " (spot)" : "") + ", " + placement.image())
                .row("azure", placement.location() + ", resource group " + placement.resourceGroup()
                        + (resourceGroupCreated ? " (created)" : "") + ", subscription " + subscription.id()
                        + (subscription.displayName() == null ? "" : " (" + subscription.displayName() + ")"));
        if (pool.webhookUrl() != null) {
            table.row("webhook", webhook.map(EnableReport::webhookText).orElse(pool.webhookUrl()));
        }
        table.row("config", config.toString()).print(out);
    }
}
