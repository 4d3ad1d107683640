package dev.fleet.it.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a fake answers: a status, headers and a body. */
record HttpAnswer(int status, Map<String, String> headers, byte[] body) {

    HttpAnswer {
        headers = Map.copyOf(headers);
    }

    static HttpAnswer json(int status, JsonNode body) {
        return new HttpAnswer(status, Map.of("Content-Type", "application/json; charset=utf-8"), Fixtures.bytes(body));
    }

    static HttpAnswer empty(int status) {
        return new HttpAnswer(status, Map.of(), new byte[0]);
    }

    HttpAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpAnswer(status, more, body);
    }

    ResponseDefinition toResponse() {
        ResponseDefinitionBuilder response = new ResponseDefinitionBuilder().withStatus(status).withBody(body);
        headers.forEach(response::withHeader);
        return response.build();
    }
}
