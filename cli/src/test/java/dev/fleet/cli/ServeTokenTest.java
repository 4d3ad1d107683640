package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.command.ExitCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve beyond loopback answers the API to whoever reaches the port: not without a token. */
class ServeTokenTest {
    @TempDir
    Path dir;

    @Test
    void beyondLoopbackWithoutATokenServeDoesNotStart() {
        Cli cli = new Cli(dir.resolve("home"));
        cli.env.put("FLEET_CONFIG", dir.resolve("none.json").toString());

        assertThat(cli.run("serve", "--listen", ":0")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).isEqualTo("fleet: --listen 0.0.0.0:0 is beyond loopback: set FLEET_API_TOKEN to serve "
                + "the API beyond this machine, or listen on 127.0.0.1\n");

        cli.env.put("FLEET_API_TOKEN", "");
        assertThat(cli.run("serve", "--listen", "[::]:0")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).startsWith("fleet: --listen [::]:0 is beyond loopback: set FLEET_API_TOKEN");
        assertThat(cli.out()).isEmpty();
    }
}
