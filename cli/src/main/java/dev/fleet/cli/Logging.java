package dev.fleet.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Sets up fleet's log lines on stderr for the command being run: human lines or JSON lines, fleet's own at INFO
 * (DEBUG with {@code --verbose}, WARN with {@code --quiet}), the libraries' at WARN so their chatter never drowns a
 * cron mail. The Azure SDK, and MSAL under its credentials, log their own failures before fleet reports them in one
 * line of its own, so their lines only show with {@code --verbose}.
 */
final class Logging {
    enum Format { text, json }

    /** The pass id and pool of a reconcile, in brackets, only when set. */
    static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %replace([%X{pass} %X{pool}] ){'^\\[ ?\\] $', ''}%logger{0}: %msg%n";

    /** The Azure SDK's loggers, and those of MSAL (msal4j), through which its credentials sign in. */
    private static final List<String> AZURE_LOGGERS = List.of("com.azure", "com.microsoft.aad.msal4j");

    private Logging() {
    }

    /** Logs to {@code err}, the same stream the command's error lines go to. */
    static void configure(Format format, boolean verbose, boolean quiet, PrintWriter err) {
        configure(format, verbose, quiet, new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            // The appender hands over one whole encoded line a call, so decoding a call at a time never splits a
            // character.
            @Override
            public void write(byte[] bytes, int offset, int length) {
                err.write(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
                err.flush();
            }
        });
    }

    static void configure(Format format, boolean verbose, boolean quiet, OutputStream target) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();

        Layout<ILoggingEvent> layout = format == Format.json ? new JsonLinesLayout() : textLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();

        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setName("fleet");
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(target);
        appender.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        context.getLogger("dev.fleet").setLevel(verbose ? Level.DEBUG : quiet ? Level.WARN : Level.INFO);
        for (String azure : AZURE_LOGGERS) {
            context.getLogger(azure).setLevel(verbose ? Level.WARN : Level.OFF);
        }
    }

    private static PatternLayout textLayout() {
        PatternLayout layout = new PatternLayout();
        layout.setPattern(TEXT_PATTERN);
        return layout;
    }
}
