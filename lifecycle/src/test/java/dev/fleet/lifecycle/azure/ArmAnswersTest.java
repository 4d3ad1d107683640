package dev.fleet.lifecycle.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.Context;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** A request that never got an answer, through azure-core's own pipeline, called both ways the SDK calls it. */
class ArmAnswersTest {
    private final ToldRequests told = new ToldRequests();
    private final HttpPipeline refused = new HttpPipelineBuilder()
            .policies(new ArmAnswers(told))
            .httpClient(request -> Mono.error(new UncheckedIOException(new ConnectException("connection refused"))))
            .build();
    private final HttpRequest request = new HttpRequest(HttpMethod.GET, "https://127.0.0.1:1/subscriptions");

    @Test
    void anAsynchronousRequestWithoutAnAnswerIsToldAsSuch() {
        assertThatThrownBy(() -> refused.send(request).block()).hasMessageContaining("connection refused");

        assertThat(told.told).containsExactly("no answer");
    }

    @Test
    void aSynchronousRequestWithoutAnAnswerIsToldAsSuch() {
        assertThatThrownBy(() -> refused.sendSync(request, Context.NONE)).hasMessageContaining("connection refused");

        assertThat(told.told).containsExactly("no answer");
    }
}
