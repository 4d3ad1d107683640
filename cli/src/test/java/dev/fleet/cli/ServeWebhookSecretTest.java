package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.command.ExitCode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} with a webhook secret anyone could guess does not start. */
class ServeWebhookSecretTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyOrShortSecretIsBadInputInOneLineThatDoesNotSayIt() throws IOException {
        Cli cli = new Cli(dir.resolve("home"));
        cli.useConfig(dir, "{}");
        for (String secret : new String[] {"", "hunter2-hunter2"}) {
            cli.env.put("FLEET_WEBHOOK_SECRET", secret);

            assertThat(cli.run("serve", "--listen", "127.0.0.1:0")).isEqualTo(ExitCode.BAD_INPUT);

            assertThat(cli.err()).isEqualTo("fleet: FLEET_WEBHOOK_SECRET: must be at least 16 characters (the secret "
                    + "of the GitHub webhook, e.g. from 'openssl rand -hex 32'), was " + secret.length() + "\n");
            assertThat(cli.out()).isEmpty();
        }
    }
}
