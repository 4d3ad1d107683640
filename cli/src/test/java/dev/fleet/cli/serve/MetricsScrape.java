package dev.fleet.cli.serve;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** serve's metrics routed on a {@link FleetServer} as serve mounts them, and scraped over real HTTP. */
final class MetricsScrape {
    /** What Prometheus 2.x sends: OpenMetrics first, the text format as the fallback. */
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
            + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private MetricsScrape() {
    }

    /** A started server with {@code metrics} at {@code /metrics}. */
    static ServerTesting serving(ServeMetrics metrics) throws IOException {
        ServerTesting server = new ServerTesting();
        server.server.route("/metrics", metrics.handler());
        return server.started();
    }

    /** GET /metrics with that Accept header, or none when null. */
    static HttpResponse<String> scrape(ServerTesting server, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = server.request("/metrics");
        if (accept != null) {
            request.header("Accept", accept);
        }
        return server.send(request);
    }
}
