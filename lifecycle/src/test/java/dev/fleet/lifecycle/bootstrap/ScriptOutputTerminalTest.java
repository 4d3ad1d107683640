package dev.fleet.lifecycle.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.github.Secret;
import dev.fleet.lifecycle.LogCapture;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A VM's script output reaches fleet's log and its error tail without what a terminal would obey. */
class ScriptOutputTerminalTest {

    @Test
    void escapeSequencesAndControlCharactersFromTheVmAreDropped() throws Exception {
        ScriptOutput output = new ScriptOutput(Secret.of("s3cret"),
                LoggerFactory.getLogger(ScriptOutputTerminalTest.class), "vm", 3);
        try (LogCapture capture = new LogCapture(); OutputStream stream = output.newStream()) {
            stream.write("\u001B]0;owned\u0007\u001B[2J\u001B[31minstalled\u001B[0m\bok\n"
                    .getBytes(StandardCharsets.UTF_8));
            stream.flush();

            assertThat(output.lastLines()).containsExactly("installedok");
            assertThat(capture.events()).singleElement()
                    .satisfies(event -> assertThat(event.getFormattedMessage()).isEqualTo("vm: installedok"));
        }
    }
}
