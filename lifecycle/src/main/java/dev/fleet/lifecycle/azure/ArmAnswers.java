package dev.fleet.lifecycle.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/**
 * Tells an {@link ArmRequestListener} how each request of the pipeline went. It sits after the retry policy (the
 * default position), so every attempt is told, not only the last.
 */
final class ArmAnswers implements HttpPipelinePolicy {
    private final ArmRequestListener listener;

    ArmAnswers(ArmRequestListener listener) {
        this.listener = listener;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process()
                .doOnNext(response -> listener.answered(response.getStatusCode()))
                .doOnError(failure -> listener.unanswered());
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        HttpResponse response;
        try {
            response = next.processSync();
        } catch (RuntimeException e) {
            listener.unanswered();
            throw e;
        }
        listener.answered(response.getStatusCode());
        return response;
    }
}
