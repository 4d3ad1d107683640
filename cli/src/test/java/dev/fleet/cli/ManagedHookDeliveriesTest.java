package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.serve.webhook.HookDeliveries.MissedDelivery;
import dev.fleet.config.ConfigStore;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import dev.fleet.github.HookDelivery;
import dev.fleet.github.HookDeliveryPayload;
import dev.fleet.github.RunnerScope;
import dev.fleet.github.Secret;
import dev.fleet.github.Webhook;
import dev.fleet.github.Webhooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The missed deliveries serve looks for: those of the webhook a pool names, in the pool's own scope. */
class ManagedHookDeliveriesTest {
    private static final String URL = "https://fleet.example.com/webhook";
    private static final Instant SINCE = Instant.parse("2026-12-08T09:00:00Z");
    private static final String CONFIG = "{\"azure\": {\"subscriptionId\": \"" + Cli.SUBSCRIPTION + "\", "
            + "\"resourceGroup\": \"fleet-rg\", \"location\": \"westeurope\", \"sshAllowedCidrs\": [\"203.0.113.7/32\"]}, "
            + "\"pools\": [{\"name\": \"ci\", \"repo\": \"octo/app\", \"webhookUrl\": \"" + URL + "\"}, "
            + "{\"name\": \"org\", \"org\": \"octo\", \"repos\": [\"app\"]}]}";

    @TempDir
    Path dir;

    private Cli cli;
    private FleetConfig config;
    private final List<String> asked = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        cli = new Cli(dir.resolve("home"));
        config = new ConfigStore(cli.useConfig(dir, CONFIG)).load();
        cli.services.webhooks = new ListedDeliveries();
    }

    @Test
    void readsThePoolsWebhookInItsScopeWithEachPayload() {
        List<MissedDelivery> missed = deliveries().unanswered(pool("ci"), SINCE);

        assertThat(asked).containsExactly("octo/app " + URL + " " + SINCE);
        assertThat(missed).singleElement().satisfies(delivery -> {
            assertThat(delivery.guid()).isEqualTo("guid-1");
            assertThat(delivery.event()).isEqualTo("workflow_job");
            assertThat(delivery.action()).isEqualTo("queued");
            assertThat(new String(delivery.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"action\":\"queued\"}");
        });
    }

    @Test
    void aPoolWithoutAWebhookAsksGitHubNothing() {
        assertThat(deliveries().unanswered(pool("org"), SINCE)).isEmpty();

        assertThat(asked).isEmpty();
    }

    private ManagedHookDeliveries deliveries() {
        return new ManagedHookDeliveries(cli.fleet(), new ReconciliationCache());
    }

    private PoolConfig pool(String name) {
        return config.pool(name).orElseThrow();
    }

    /** GitHub's record of one unanswered delivery, and the scope and URL each look asked about. */
    private final class ListedDeliveries implements Webhooks {
        @Override
        public List<HookDeliveryPayload> unanswered(RunnerScope scope, String url, Instant since) {
            asked.add(scope + " " + url + " " + since);
            HookDelivery delivery = new HookDelivery(7, "guid-1", SINCE.plusSeconds(60), 502, "workflow_job", "queued",
                    false);
            return List.of(new HookDeliveryPayload(delivery, "guid-1", "{\"action\":\"queued\"}"));
        }

        @Override
        public Optional<Webhook> find(RunnerScope scope, String url) {
            throw new AssertionError("not asked");
        }

        @Override
        public Ensured ensure(RunnerScope scope, String url, Secret secret) {
            throw new AssertionError("not asked");
        }

        @Override
        public Optional<HookDelivery> latestDelivery(RunnerScope scope, long hookId) {
            throw new AssertionError("not asked");
        }

        @Override
        public List<HookDelivery> deliveries(RunnerScope scope, long hookId, Instant since) {
            throw new AssertionError("not asked");
        }

        @Override
        public HookDeliveryPayload delivery(RunnerScope scope, long hookId, long deliveryId) {
            throw new AssertionError("not asked");
        }
    }
}
