package dev.fleet.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FleetServerTest {
    private ServerTesting http;

    @AfterEach
    void tearDown() {
        http.close();
    }

    @Test
    void aRouteThatFailsIsAnswered500WithoutWhatItsExceptionSaid() throws Exception {
        http = new ServerTesting();
        http.server.route("/boom", exchange -> {
            throw new IllegalStateException("token ghp_secret123 was refused");
        });
        http.started();

        HttpResponse<String> response = http.get("/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("internal error").doesNotContain("ghp_secret123");
    }

    @Test
    void aBodyOverTheRoutesLimitIsRefused413() throws Exception {
        http = new ServerTesting();
        http.server.route("/small", exchange -> {
            byte[] body = HttpExchanges.body(exchange, 16);
            HttpExchanges.text(exchange, 200, "read " + body.length);
        });
        http.started();

        HttpResponse<String> tooLarge = http.send(http.request("/small")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(17))));
        HttpResponse<String> fits = http.send(http.request("/small")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(16))));

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("larger than 16 bytes");
        assertThat(fits.statusCode()).isEqualTo(200);
        assertThat(fits.body()).isEqualTo("read 16\n");
    }

    @Test
    void aBodyWithoutADeclaredLengthIsStillCutAtTheLimit() throws Exception {
        http = new ServerTesting();
        http.server.route("/small", exchange -> {
            HttpExchanges.body(exchange, 16);
            HttpExchanges.text(exchange, 200, "read");
        });
        http.started();

        // A publisher of unknown length makes the client send the body chunked, without Content-Length.
        HttpResponse<String> response = http.send(http.request("/small").POST(HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofByteArray("y".repeat(1000).getBytes(StandardCharsets.UTF_8)))));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aRouteAnswersOnlyItsMethodAndSaysWhichItAllows() throws Exception {
        http = new ServerTesting();
        http.server.route("/get-only", exchange -> {
            if (HttpExchanges.method(exchange, "GET")) {
                HttpExchanges.json(exchange, 200, Map.of("ok", true));
            }
        });
        http.started();

        HttpResponse<String> post = http.send(http.request("/get-only").POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> get = http.get("/get-only");

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(get.body()).contains("\"ok\": true");
    }
}
