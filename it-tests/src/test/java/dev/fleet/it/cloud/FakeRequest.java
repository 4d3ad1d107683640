package dev.fleet.it.cloud;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One request to a fake, as its handler sees it.
 *
 * @param path   the raw path, without the query
 * @param query  each query parameter's first value, decoded
 * @param header a header's value by name, or null
 */
record FakeRequest(String method, String path, Map<String, String> query, UnaryOperator<String> header, byte[] body) {

    FakeRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    static FakeRequest of(String method, String url, UnaryOperator<String> header, byte[] body) {
        URI uri = URI.create(url);
        return new FakeRequest(method, uri.getRawPath(), decodeForm(uri.getRawQuery()), header, body);
    }

    /** A body in {@code application/x-www-form-urlencoded}, as curl's {@code --data-urlencode} sends it. */
    Map<String, String> form() {
        return decodeForm(new String(body, StandardCharsets.UTF_8));
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean isWrite() {
        return !method.equals("GET") && !method.equals("HEAD");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    private static Map<String, String> decodeForm(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }
}
