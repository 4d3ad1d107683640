package dev.fleet.github;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/** Every event fleet's code logs during a test, at TRACE, with the messages of attached throwables. */
final class LogCapture implements BeforeEachCallback, AfterEachCallback {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.fleet");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level previous;
    private boolean previousAdditive;

    @Override
    public void beforeEach(ExtensionContext context) {
        previous = logger.getLevel();
        previousAdditive = logger.isAdditive();
        logger.setLevel(Level.TRACE);
        // Keep TRACE lines out of the build output; they are inspected, not read.
        logger.setAdditive(false);
        appender.list.clear();
        appender.start();
        logger.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(previous);
        logger.setAdditive(previousAdditive);
    }

    /** Formatted messages, MDC values, arguments and throwable messages (with causes) of every event. */
    List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (ILoggingEvent event : appender.list) {
            texts.add(event.getFormattedMessage());
            texts.add(String.valueOf(event.getMDCPropertyMap()));
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    texts.add(String.valueOf(argument));
                }
            }
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getClassName() + ": " + t.getMessage());
            }
        }
        return texts;
    }

    int size() {
        return appender.list.size();
    }
}
