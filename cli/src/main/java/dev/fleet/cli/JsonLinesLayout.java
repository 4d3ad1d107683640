package dev.fleet.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object a line, for journald and log shippers: time, level, logger, message, every MDC entry (a reconcile
 * pass's id and pool) as its own field, and the error's type and message when there is one.
 */
final class JsonLinesLayout extends LayoutBase<ILoggingEvent> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String doLayout(ILoggingEvent event) {
        ObjectNode line = MAPPER.createObjectNode()
                .put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString())
                .put("level", event.getLevel().toString())
                .put("logger", event.getLoggerName())
                .put("message", event.getFormattedMessage());
        for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
            line.put(entry.getKey(), entry.getValue());
        }
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            line.put("error", error.getClassName() + (error.getMessage() == null ? "" : ": " + error.getMessage()));
        }
        try {
            return MAPPER.writeValueAsString(line) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }
}
