package dev.fleet.it.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * WireMock on loopback whose every answer comes from one handler that keeps state of its own: a fake service rather
 * than canned stubs. Records the write requests fleet sent it; paths under {@link #TEST_ONLY} are the fake VMs'
 * side channel, not fleet's traffic, and are not recorded.
 */
final class StatefulWireMock implements AutoCloseable {
    static final String LOOPBACK = "127.0.0.1";
    static final String TEST_ONLY = "/_fake/";

    private final WireMockServer server;
    private final boolean https;
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final RequestTap tap = new RequestTap();

    private StatefulWireMock(WireMockConfiguration options, boolean https, Function<FakeRequest, HttpAnswer> handler) {
        this.https = https;
        this.server = new WireMockServer(options.bindAddress(LOOPBACK).notifier(new Slf4jNotifier(false))
                .disableRequestJournal().extensions(new Dispatch(handler)));
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
        server.start();
    }

    static StatefulWireMock http(Function<FakeRequest, HttpAnswer> handler) {
        return new StatefulWireMock(options().dynamicPort(), false, handler);
    }

    /** HTTPS only, with the given certificate: the Azure SDK sends bearer tokens over HTTPS alone. */
    static StatefulWireMock https(TestCertificate certificate, Function<FakeRequest, HttpAnswer> handler) {
        return new StatefulWireMock(options().httpDisabled(true).dynamicHttpsPort()
                .keystorePath(certificate.keyStore().toString()).keystoreType("PKCS12")
                .keystorePassword(certificate.password()).keyManagerPassword(certificate.password()), true, handler);
    }

    String baseUrl() {
        return https ? "https://" + LOOPBACK + ":" + server.httpsPort() : "http://" + LOOPBACK + ":" + server.port();
    }

    /** Every request of fleet's on its way in: recorded, and given the faults or holds a test asks for. */
    RequestTap tap() {
        return tap;
    }

    /** "METHOD path" of every PUT, POST, PATCH and DELETE that reached the fake, oldest first. */
    List<String> writeRequests() {
        return List.copyOf(writes);
    }

    @Override
    public void close() {
        server.stop();
    }

    /** One extension answering every request: the catch-all stub only gives it something to transform. */
    private final class Dispatch implements ResponseDefinitionTransformerV2 {
        private final Function<FakeRequest, HttpAnswer> handler;

        Dispatch(Function<FakeRequest, HttpAnswer> handler) {
            this.handler = handler;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            FakeRequest call = FakeRequest.of(request.getMethod().getName(), request.getUrl(), request::getHeader,
                    request.getBody());
            if (call.path().startsWith(TEST_ONLY)) {
                return answer(call);
            }
            if (call.isWrite()) {
                writes.add(call.toString());
            }
            RequestTap.Verdict verdict = tap.before(call);
            return verdict.refusal() != null ? verdict.refusal() : tap.after(call, answer(call), verdict);
        }

        private ResponseDefinition answer(FakeRequest call) {
            try {
                return handler.apply(call).toResponse();
            } catch (RuntimeException e) {
                // A bug in the fake: say so in the answer, where the failing test's output shows it.
                ObjectNode body = Fixtures.object().put("message", "the fake failed on " + call + ": " + e);
                return HttpAnswer.json(500, body).toResponse();
            }
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public String getName() {
            return "fleet-fake-cloud";
        }
    }
}
