package dev.fleet.cli;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.cli.command.Bounds;
import dev.fleet.cli.command.DurationConverter;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.FleetCommand;
import dev.fleet.cli.command.FleetException;
import dev.fleet.cli.serve.FleetServer;
import dev.fleet.cli.serve.Health;
import dev.fleet.cli.serve.ListenAddress;
import dev.fleet.cli.serve.PassListeners;
import dev.fleet.cli.serve.PassScheduler;
import dev.fleet.cli.serve.ServeMetrics;
import dev.fleet.cli.serve.page.Dashboard;
import dev.fleet.cli.serve.page.PassHistory;
import dev.fleet.cli.serve.RunnerRemoval;
import dev.fleet.cli.serve.api.Api;
import dev.fleet.cli.serve.api.ApiToken;
import dev.fleet.cli.serve.webhook.Deliveries;
import dev.fleet.cli.serve.webhook.DeliveryResult;
import dev.fleet.cli.serve.webhook.MissedDeliveries;
import dev.fleet.cli.serve.webhook.WebhookHandler;
import dev.fleet.cli.serve.webhook.WebhookListener;
import dev.fleet.cli.serve.webhook.WebhookSignature;
import dev.fleet.concurrent.Workers;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.lifecycle.reconcile.PassReport;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import dev.fleet.lifecycle.reconcile.ReconcileRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code fleet serve}: the periodic pass of {@code reconcile --watch}, and HTTP beside it. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run as a service: pass over every pool --interval apart, exactly as 'reconcile --watch' does, and answer "
                    + "HTTP on --listen: /healthz (the process is up), /readyz (every pool's last pass went "
                    + "through, and recently), the REST API under /api/v1 (GET /api/v1/openapi.json describes it), "
                    + "Prometheus metrics at /metrics, a dashboard at / and the passes of the last 6 hours at "
                    + "/api/v1/history.",
            "Changes through the API (POST, DELETE) need 'Authorization: Bearer $FLEET_API_TOKEN'; listening beyond "
                    + "loopback, every route but /healthz and /webhook does, and serve refuses to start without "
                    + "FLEET_API_TOKEN.",
            "POST /webhook takes GitHub's workflow_job deliveries signed with $FLEET_WEBHOOK_SECRET (at least 16 "
                    + "characters; without it webhooks are off): a queued job runs its pools' pass now, a completed "
                    + "one's runner is removed now.",
            "SIGTERM or Ctrl-C stops taking requests and lets the passes under way finish.",
            "Exit status: 0 when stopped, 1 when it cannot listen or run, 2 on bad input."})
final class ServeCommand extends FleetCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    private static final Duration MAX_INTERVAL = Duration.ofDays(1);
    /** Passes of different pools that events ask for, at once; the periodic pass has its own. */
    private static final int REQUESTED_PASSES = 4;

    @ParentCommand
    Fleet fleet;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "Where to answer HTTP: HOST:PORT, [IPV6]:PORT, or :PORT for every interface "
                    + "(default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "The wait between periodic passes, 10s to 1d (default: ${DEFAULT-VALUE}).")
    Duration interval;

    private final ReconciliationCache reconciliations = new ReconciliationCache();
    private final AtomicBoolean stopping = new AtomicBoolean();

    @Override
    public Integer call() {
        Bounds.duration("--interval", interval, MIN_INTERVAL, MAX_INTERVAL);
        ListenAddress address = listenAddress();
        ApiToken token = apiToken(address);
        // A config that does not load is bad input now, before the port is taken; later, a pass waits it out.
        Reconciliation.load(fleet, Optional.empty());
        Optional<WebhookSignature> signature = webhookSignature();
        Clock clock = Clock.systemUTC();
        PassHistory history = new PassHistory(clock);
        ServeMetrics metrics = new ServeMetrics(clock);
        fleet.reportRequestsTo(metrics.gitHubRequests(), metrics.armRequests());
        PassScheduler scheduler = new PassScheduler(this::pass,
                PassListeners.of(List.of(history, metrics.listener())), clock, REQUESTED_PASSES);
        FleetServer server = bind(address);
        Health health = new Health(scheduler, this::poolNames, interval, clock);
        server.route("/healthz", health.live());
        server.route("/readyz", token.reading(health.ready()));
        RunnerRemoval removal = new ConfiguredRunnerRemoval(fleet, reconciliations);
        server.route(Api.PREFIX, new Api(new ServeFleetAccess(fleet, reconciliations), scheduler, removal, token));
        server.route("/api/v1/history", token.reading(history.route()));
        server.route("/metrics", token.reading(metrics.handler()));
        server.route("/api/v1/metrics", token.reading(metrics.handler()));
        // The page holds no data, only what draws it: a browser off loopback loads it, then asks for the token.
        server.route("/", new Dashboard());
        Deliveries deliveries = new Deliveries(scheduler, removal, this::pools, webhookMetrics(metrics), clock);
        server.route("/webhook", new WebhookHandler(signature, deliveries));
        ScheduledExecutorService hookLooks = Executors.newSingleThreadScheduledExecutor(
                Workers.daemons("fleet-missed-deliveries"));
        WatchLoop loop = new WatchLoop(interval, ReconcileCommand.STOP_GRACE);
        Thread stopper = new Thread(() -> stop(server, loop, scheduler, deliveries, hookLooks), "fleet-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            server.start();
            InetSocketAddress bound = server.address();
            LOG.info("serving on http://{}:{}, a pass every {}", bound.getHostString(), bound.getPort(),
                    DurationText.format(interval));
            out().println("listening on http://" + new ListenAddress(bound.getHostString(), bound.getPort()));
            out().flush();
            if (signature.isPresent()) {
                new MissedDeliveries(new ManagedHookDeliveries(fleet, reconciliations), this::pools, deliveries, clock)
                        .start(hookLooks);
            }
            loop.run(() -> ReconcileCommand.watched(() -> scheduler.passAll().ok()));
            return ExitCode.OK;
        } finally {
            stop(server, loop, scheduler, deliveries, hookLooks);
            ReconcileCommand.removeHook(stopper);
        }
    }

    private ListenAddress listenAddress() {
        try {
            ListenAddress address = ListenAddress.parse(listen);
            address.socketAddress();
            return address;
        } catch (IllegalArgumentException e) {
            throw FleetException.badInput("--listen: " + e.getMessage());
        }
    }

    private ApiToken apiToken(ListenAddress address) {
        try {
            return ApiToken.of(fleet.env(), address.loopback());
        } catch (IllegalArgumentException e) {
            throw FleetException.badInput("--listen " + address + " is beyond loopback: " + e.getMessage());
        }
    }

    /** What the webhook did, as serve's metrics count it. */
    private static WebhookListener webhookMetrics(ServeMetrics metrics) {
        return new WebhookListener() {
            @Override
            public void delivery(DeliveryResult result) {
                metrics.webhookDelivery(result.name().toLowerCase(Locale.ROOT));
            }

            @Override
            public void queueWait(String pool, Duration wait) {
                metrics.queueWait(pool, wait);
            }

            @Override
            public void billedAfterJob(String pool, Duration billed) {
                metrics.billedAfterJob(pool, billed);
            }
        };
    }

    /** Webhooks are off without the secret; a secret anyone could guess is refused before the port is taken. */
    private Optional<WebhookSignature> webhookSignature() {
        try {
            return WebhookSignature.fromEnvironment(fleet.env());
        } catch (IllegalArgumentException e) {
            throw FleetException.badInput(e.getMessage());
        }
    }

    private static FleetServer bind(ListenAddress address) {
        try {
            return FleetServer.bind(address.socketAddress());
        } catch (IOException e) {
            throw FleetException.failure("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops taking requests first, then lets the periodic pass and the requested ones finish within the grace. Once:
     * the stop hook and the end of {@link #call} both get here.
     */
    private void stop(FleetServer server, WatchLoop loop, PassScheduler scheduler, Deliveries deliveries,
                      ScheduledExecutorService hookLooks) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        Instant deadline = Instant.now().plus(ReconcileCommand.STOP_GRACE);
        server.close();
        hookLooks.shutdownNow();
        loop.stop();
        scheduler.close(left(deadline));
        deliveries.close(left(deadline));
    }

    private static Duration left(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ofSeconds(1) : left;
    }

    private PassReport pass(Optional<String> pool, ReconcileListener listener) {
        FleetConfig config = Reconciliation.load(fleet, pool);
        return reconciliations.of(fleet, config).run(config, new ReconcileRequest(pool, false, false, interval),
                listener);
    }

    private List<String> poolNames() {
        return pools().stream().map(PoolConfig::name).toList();
    }

    private List<PoolConfig> pools() {
        return Reconciliation.load(fleet, Optional.empty()).pools();
    }
}
