package dev.fleet.cli.serve.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.fleet.cli.serve.HttpExchanges;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /webhook}: GitHub's deliveries, each checked against its signature before anything else is read from
 * it, then handed to {@link Deliveries}, which answers at once.
 *
 * <p>Without {@value WebhookSignature#VARIABLE} every request is answered 404 saying webhooks are off: an unsigned
 * delivery is never acted on, and the state lasts until {@code serve} restarts with a secret, so it is not the
 * passing unavailability a 503 would tell. GitHub shows the answer's body in the hook's delivery log.
 */
public final class WebhookHandler implements HttpHandler {
    /**
     * The largest body taken, 1 MiB. A {@code workflow_job} payload is 8-14 KB (its steps, labels and repository);
     * GitHub caps any payload at 25 MB, and a server that read that much on each of its threads before checking a
     * signature would give its memory to whoever posts.
     */
    static final int MAX_BODY = 1 << 20;
    static final String DELIVERY_HEADER = "X-GitHub-Delivery";
    static final String EVENT_HEADER = "X-GitHub-Event";

    private final Optional<WebhookSignature> signature;
    private final Deliveries deliveries;

    /** @param signature empty when webhooks are off */
    public WebhookHandler(Optional<WebhookSignature> signature, Deliveries deliveries) {
        this.signature = Objects.requireNonNull(signature, "signature");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (signature.isEmpty()) {
            HttpExchanges.problem(exchange, 404, "webhooks are off: serve was started without "
                    + WebhookSignature.VARIABLE);
            return;
        }
        if (!HttpExchanges.method(exchange, "POST")) {
            return;
        }
        byte[] body;
        try {
            body = HttpExchanges.body(exchange, MAX_BODY);
        } catch (HttpExchanges.BodyTooLarge e) {
            deliveries.listener().delivery(DeliveryResult.TOO_LARGE);
            throw e;
        }
        if (!signature.get().verifies(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body)) {
            deliveries.listener().delivery(DeliveryResult.BAD_SIGNATURE);
            HttpExchanges.problem(exchange, 401, WebhookSignature.HEADER + " is missing or is not the sha256 "
                    + "signature of the body with the webhook's secret");
            return;
        }
        String guid = exchange.getRequestHeaders().getFirst(DELIVERY_HEADER);
        String event = exchange.getRequestHeaders().getFirst(EVENT_HEADER);
        if (guid == null || guid.isBlank() || event == null || event.isBlank()) {
            deliveries.listener().delivery(DeliveryResult.IGNORED);
            HttpExchanges.problem(exchange, 400, DELIVERY_HEADER + " and " + EVENT_HEADER + " are required");
            return;
        }
        DeliveryAnswer answer = deliveries.handle(new Delivery(guid, event, body));
        HttpExchanges.json(exchange, answer.status(), answer.body());
    }
}
