package dev.fleet.cli;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.FleetCommand;
import dev.fleet.cli.command.Json;
import dev.fleet.cli.command.OutputOption;
import dev.fleet.config.AzurePlacement;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.GitHubException;
import dev.fleet.github.HookDelivery;
import dev.fleet.github.RateLimit;
import dev.fleet.github.RunnerScope;
import dev.fleet.github.Webhook;
import dev.fleet.github.Webhooks;
import dev.fleet.lifecycle.PoolContext;
import dev.fleet.lifecycle.reconcile.PassReport;
import dev.fleet.lifecycle.reconcile.PassSummary;
import dev.fleet.lifecycle.reconcile.PoolReport;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import dev.fleet.lifecycle.reconcile.ReconcileRequest;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code fleet github-runner status}: each pool as it is now. The view is a dry-run pass, so it is what the next
 * reconcile would see and do, shown beside the last pass's outcome from the state folder.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show each pool: its settings, its job queue, its runners with their VM and GitHub state, what the next "
                    + "reconcile would do, how the last one went, its webhook (whether GitHub has it, active, and its "
                    + "last delivery), and how much of the GitHub rate limit is left. Changes nothing."})
final class StatusCommand extends FleetCommand {

    /** One pool's status, as --output json prints it; {@code webhook} is null for a pool without a webhookUrl. */
    record PoolStatus(String pool, boolean enabled, String scope, List<String> labels, String policy, int minRunners,
                      int maxRunners, Integer manualSize, AzurePlacement placement, PoolReport now,
                      PassSummary lastPass, WebhookStatus webhook) {
    }

    /**
     * A pool's webhook on GitHub: whether the scope has one to the pool's URL, whether it is active, and its newest
     * delivery; {@code error} says why GitHub could not be asked, and then the rest is unknown (null).
     */
    record WebhookStatus(String url, Boolean exists, Boolean active, HookDelivery lastDelivery, String error) {

        static WebhookStatus of(Webhooks webhooks, RunnerScope scope, String url) {
            try {
                Optional<Webhook> hook = webhooks.find(scope, url);
                if (hook.isEmpty()) {
                    return new WebhookStatus(url, false, null, null, null);
                }
                return new WebhookStatus(url, true, hook.get().active(),
                        webhooks.latestDelivery(scope, hook.get().id()).orElse(null), null);
            } catch (GitHubException e) {
                return new WebhookStatus(url, null, null, null, e.getMessage());
            }
        }

        String text(Instant now) {
            if (error != null) {
                return url + ", unknown: " + error;
            }
            if (!exists) {
                return url + ", missing on GitHub: 'enable --webhook-url " + url + "' with FLEET_WEBHOOK_SECRET set "
                        + "creates it";
            }
            String delivery = lastDelivery == null ? "no deliveries yet"
                    : "last delivery " + DurationText.format(Duration.between(lastDelivery.deliveredAt(), now)
                            .withNanos(0)) + " ago: " + (lastDelivery.statusCode() == 0 ? "no answer"
                            : lastDelivery.statusCode());
            return url + ", " + (active ? "active" : "inactive") + ", " + delivery;
        }
    }

    /** Everything status shows, as --output json prints it. */
    record Status(List<PoolStatus> pools, RateLimit githubRateLimit) {
    }

    @ParentCommand
    GitHubRunnerCommand parent;

    @Option(names = "--pool", paramLabel = "NAME", description = "Only this pool (default: all of them).")
    String pool;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        Fleet fleet = parent.fleet;
        FleetConfig config = Reconciliation.load(fleet, Optional.ofNullable(pool));
        Reconciliation reconciliation = Reconciliation.of(fleet, config);
        PassReport report = look(reconciliation, config, Optional.ofNullable(pool));
        Status status = of(reconciliation, config, report);
        if (output.json()) {
            out().println(Json.write(status));
        } else {
            print(out(), status, reconciliation.services().clock().instant());
        }
        out().flush();
        return report.ok() ? ExitCode.OK : ExitCode.FAILURE;
    }

    /** A dry-run pass over every pool of {@code config}, or only {@code pool}: what the next reconcile sees and does. */
    static PassReport look(Reconciliation reconciliation, FleetConfig config, Optional<String> pool) {
        return reconciliation.run(config, new ReconcileRequest(pool, true, false, Duration.ZERO),
                ReconcileListener.NONE);
    }

    /** Each pool the dry run {@code report} covers, with its settings and the last pass's outcome. */
    static Status of(Reconciliation reconciliation, FleetConfig config, PassReport report) {
        List<PoolStatus> pools = new ArrayList<>();
        for (PoolReport now : report.pools()) {
            PoolConfig poolConfig = config.pool(now.pool()).orElseThrow();
            pools.add(new PoolStatus(now.pool(), poolConfig.enabled(), scope(poolConfig),
                    List.copyOf(poolConfig.runnerLabels()), poolConfig.scaling().policy(),
                    poolConfig.scaling().minRunners(), poolConfig.scaling().maxRunners(), poolConfig.manualSize(),
                    config.placement(poolConfig), now, reconciliation.state().lastPass(now.pool()).orElse(null),
                    poolConfig.webhookUrl() == null ? null : WebhookStatus.of(reconciliation.services().webhooks(),
                            PoolContext.of(config, poolConfig).scope(), poolConfig.webhookUrl())));
        }
        // Without pools nothing asked GitHub, and no credential may be set up yet.
        return new Status(pools, pools.isEmpty() ? null : reconciliation.services().gitHubRateLimit().orElse(null));
    }

    static void print(PrintWriter out, Status status, Instant now) {
        if (status.pools().isEmpty()) {
            out.println(ReconcileCommand.NO_POOLS);
        }
        for (PoolStatus pool : status.pools()) {
            AzurePlacement azure = pool.placement();
            out.println("pool " + pool.pool() + ": " + (pool.enabled() ? "enabled" : "disabled, draining") + ", "
                    + pool.scope() + ", labels " + String.join(",", pool.labels()));
            out.println("  size: " + size(pool) + "; " + azure.vmSize() + (azure.spot() ? " (spot)" : "") + " in "
                    + azure.location() + ", resource group " + azure.resourceGroup());
            out.println("  queue: " + PoolReportText.queue(pool.now()));
            out.println("  last pass: " + lastPass(pool.lastPass(), now));
            if (pool.webhook() != null) {
                out.println("  webhook: " + pool.webhook().text(now));
            }
            out.print(PoolReportText.body(pool.now()));
        }
        RateLimit limit = status.githubRateLimit();
        if (limit != null) {
            out.println("GitHub rate limit: " + limit.remaining() + " of " + limit.limit() + " requests left, resets in "
                    + DurationText.format(untilReset(limit, now)));
        }
    }

    /** A reset already past (the headers are from the start of the pass) is now. */
    private static Duration untilReset(RateLimit limit, Instant now) {
        Duration left = Duration.between(now, limit.reset()).withNanos(0);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String scope(PoolConfig pool) {
        if (!pool.isOrgPool()) {
            return "repo " + pool.repo();
        }
        return "org " + pool.org() + (pool.repos().isEmpty() ? "" : " (repos " + String.join(",", pool.repos()) + ")");
    }

    private static String size(PoolStatus pool) {
        String limits = pool.minRunners() + " to " + pool.maxRunners() + " runners";
        return pool.manualSize() == null
                ? "policy " + pool.policy() + ", " + limits
                : "pinned at " + pool.manualSize() + " ('scale --auto' returns to policy " + pool.policy() + ", "
                        + limits + ")";
    }

    private static String lastPass(PassSummary pass, Instant now) {
        if (pass == null) {
            return "none yet";
        }
        String ago = DurationText.format(Duration.between(pass.finished(), now).withNanos(0));
        return ago + " ago (" + pass.passId() + "), " + PoolReportText.word(pass.status()) + ": " + pass.summary();
    }
}
