package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.it.cloud.FakeCloud;
import dev.fleet.it.cloud.FakeRunner;
import dev.fleet.it.cloud.GitHubHook;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, run only when asked ({@code -Dfleet.soak.minutes=60}): {@code fleet serve} on 20 pools under stubbed
 * traffic — a signed {@code queued} delivery a second (one in twenty with a job behind it, so VMs are made, run their
 * job and go at their {@code completed} delivery), the dashboard's reads and a Prometheus scrape — printing its
 * resident memory and heap once a minute from its own metrics, on lines starting {@code soak:}.
 */
class ServeSoakIT {
    private static final int POOLS = 20;
    private static final Pattern RSS = Pattern.compile("(?m)^process_resident_memory_bytes (\\S+)$");
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"} (\\S+)$");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void residentMemoryOfServeUnderAnHourOfTraffic() throws Exception {
        String asked = System.getProperty("fleet.soak.minutes");
        assumeTrue(asked != null, "a benchmark: -Dfleet.soak.minutes=N runs it");
        int minutes = Integer.parseInt(asked);
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.arm().addResourceGroup(FakeCloud.RESOURCE_GROUP);
            List<ObjectNode> pools = new ArrayList<>();
            for (int i = 0; i < POOLS; i++) {
                ObjectNode pool = cloud.pool(name(i)).put("registration", "jit");
                pool.putArray("labels").add(name(i));
                pool.putObject("scaling").put("minRunners", 0).put("maxRunners", 2).put("cooldown", "0s");
                pools.add(pool);
            }
            cloud.writeConfig(pools.toArray(ObjectNode[]::new));
            int port = FakeCloud.freePort();
            String base = "http://127.0.0.1:" + port;
            Map<String, String> env = new HashMap<>(cloud.environment());
            env.put("FLEET_WEBHOOK_SECRET", GitHubHook.SECRET);
            FleetProcess.Options options = new FleetProcess.Options(env, cloud.options().jvmOptions(), "",
                    Duration.ofMinutes(minutes + 5L));
            FleetProcess.Running serve = FleetProcess.start(options, "serve", "--listen", "127.0.0.1:" + port,
                    "--interval", "30s");
            GitHubHook hook = new GitHubHook(base);
            while (!hook.up()) {
                assertThat(serve.isAlive()).as("serve running").isTrue();
                Thread.sleep(100);
            }
            Set<String> used = new HashSet<>();
            long started = System.nanoTime();
            int deliveries = 0;
            int jobs = 0;
            for (int second = 1; System.nanoTime() - started < Duration.ofMinutes(minutes).toNanos(); second++) {
                int pool = second % POOLS;
                if (second % 20 == 0) {
                    cloud.github().queueJobs(1, "self-hosted", "linux", "x64", name(pool));
                    jobs++;
                }
                hook.queued(List.of("self-hosted", name(pool)));
                deliveries++;
                for (FakeRunner runner : cloud.github().runners()) {
                    if (runner.online() && !runner.busy() && used.add(runner.name())) {
                        cloud.github().startJob(runner.name());
                        cloud.github().finishJob(runner.name());
                        hook.completed(runner.name());
                        deliveries++;
                    }
                }
                if (second % 5 == 0) {
                    get(base + "/api/v1/history");
                }
                if (second % 15 == 0) {
                    get(base + "/metrics");
                }
                if (second % 60 == 0) {
                    String metrics = get(base + "/metrics");
                    System.out.printf("soak: minute %d rss %.1f MB heap %.1f MB deliveries %d jobs %d vms %d%n",
                            second / 60, megabytes(RSS, metrics), megabytes(HEAP, metrics), deliveries, jobs,
                            cloud.arm().vms().size());
                }
                Thread.sleep(1000);
            }
            assertThat(serve.isAlive()).as("serve still running").isTrue();
            FleetProcess.Result result = serve.terminate();
            assertThat(result.err()).doesNotContain("Exception");
        }
    }

    private String get(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double megabytes(Pattern series, String metrics) {
        Matcher matcher = series.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) / 1_048_576 : Double.NaN;
    }

    private static String name(int pool) {
        return String.format("p%02d", pool);
    }
}
