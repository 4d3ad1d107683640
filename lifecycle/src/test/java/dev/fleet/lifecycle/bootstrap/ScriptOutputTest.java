package dev.fleet.lifecycle.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.github.Secret;
import dev.fleet.lifecycle.LogCapture;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.helpers.NOPLogger;

class ScriptOutputTest {
    private final ScriptOutput output = new ScriptOutput(Secret.of("s3cret"), NOPLogger.NOP_LOGGER, "vm", 3);

    @Test
    void cutsBytesIntoLinesAcrossWritesAndKeepsTheLastFew() throws Exception {
        try (OutputStream stream = output.newStream()) {
            stream.write("one\r\ntw".getBytes(StandardCharsets.UTF_8));
            stream.write("o\nthree\nfour\nfi".getBytes(StandardCharsets.UTF_8));
            stream.write("ve ü".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(output.lastLines()).containsExactly("three", "four", "five ü");
    }

    @Test
    void redactsTheSecretEvenWhenItArrivesInPieces() throws Exception {
        try (OutputStream stream = output.newStream()) {
            stream.write("token s3c".getBytes(StandardCharsets.UTF_8));
            stream.write("ret ok\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(output.lastLines()).containsExactly("token *** ok");
    }

    @Test
    void blanksTheCredentialsOfAnyUrlInALine() throws Exception {
        try (OutputStream stream = output.newStream()) {
            stream.write("curl: (22) https://fleet:hunter2@mirror.example/r.tgz: 404\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(output.lastLines()).containsExactly("curl: (22) https://***@mirror.example/r.tgz: 404");
    }

    @Test
    void linesCarryThePassAndPoolOfTheThreadThatStartedTheInstall() throws Exception {
        MDC.put("pass", "p-7f3a");
        MDC.put("pool", "ci");
        ScriptOutput logged;
        try {
            logged = new ScriptOutput(Secret.of("s3cret"), LoggerFactory.getLogger(ScriptOutputTest.class), "vm", 3);
        } finally {
            MDC.clear();
        }
        try (LogCapture capture = new LogCapture()) {
            // An SSH channel thread, with no MDC of its own.
            Thread channel = new Thread(() -> {
                try (OutputStream stream = logged.newStream()) {
                    stream.write("fleet-install: runner started\n".getBytes(StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            channel.start();
            channel.join();

            assertThat(capture.events()).singleElement().satisfies(event -> {
                assertThat(event.getFormattedMessage()).isEqualTo("vm: fleet-install: runner started");
                assertThat(event.getMDCPropertyMap()).containsEntry("pass", "p-7f3a").containsEntry("pool", "ci");
            });
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
}
