package dev.fleet.lifecycle.bootstrap;

import dev.fleet.github.Secret;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
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
}
