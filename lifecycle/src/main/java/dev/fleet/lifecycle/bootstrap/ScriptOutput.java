package dev.fleet.lifecycle.bootstrap;

import dev.fleet.config.OutsideText;
import dev.fleet.config.UrlCredentials;
import dev.fleet.github.Secret;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The install script's output: every line is redacted, stripped of what a terminal would obey, logged as it arrives,
 * and the last few are kept for the result. stdout and stderr feed the same instance, so the tail keeps their order of arrival.
 */
final class ScriptOutput {
    static final String MASK = "***";

    private final Secret secret;
    private final Logger log;
    private final String source;
    private final int tailSize;
    private final Deque<String> tail = new ArrayDeque<>();
    /** The pass and pool of the thread that started the install; the lines arrive on SSH threads that lack them. */
    private final Map<String, String> context;

    ScriptOutput(Secret secret, Logger log, String source, int tailSize) {
        this.secret = secret;
        this.log = log;
        this.source = source;
        this.tailSize = tailSize;
        this.context = Objects.requireNonNullElse(MDC.getCopyOfContextMap(), Map.of());
    }

    OutputStream newStream() {
        return new LineOutputStream(this::accept);
    }

    synchronized List<String> lastLines() {
        return List.copyOf(tail);
    }

    /** {@code text} without the secret, nor the credentials of any URL in it. */
    String redact(String text) {
        return UrlCredentials.redact(text.replace(secret.reveal(), MASK));
    }

    private synchronized void accept(String line) {
        String clean = OutsideText.printable(redact(line));
        Map<String, String> own = MDC.getCopyOfContextMap();
        MDC.setContextMap(context);
        try {
            log.info("{}: {}", source, clean);
        } finally {
            MDC.setContextMap(Objects.requireNonNullElse(own, Map.of()));
        }
        if (tail.size() == tailSize) {
            tail.removeFirst();
        }
        tail.addLast(clean);
    }
}
