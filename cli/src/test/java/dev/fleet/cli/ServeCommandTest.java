package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.command.ExitCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code serve} refuses before it takes a port; the running service is tested end to end in it-tests. */
class ServeCommandTest {
    @TempDir
    Path dir;

    private Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new Cli(dir.resolve("home"));
        cli.useConfig(dir, "{\"pools\": []}");
    }

    @Test
    void anAddressNotToListenOnIsBadInputNamingTheOption() {
        assertThat(cli.run("serve", "--listen", "8080")).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(cli.err()).isEqualTo("fleet: --listen: must be HOST:PORT, [IPV6]:PORT or :PORT, with a port from "
                + "0 to 65535, was '8080'\n");
    }

    @Test
    void anIntervalOutsideItsBoundsIsBadInput() {
        assertThat(cli.run("serve", "--interval", "1s")).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(cli.err()).startsWith("fleet: --interval").hasLineCount(1);
    }

    @Test
    void aConfigThatDoesNotLoadIsBadInputBeforeThePortIsTaken() throws IOException {
        cli.useConfig(dir, "{\"pools\": [{\"name\": \"Not A Name\"}]}");

        assertThat(cli.run("serve", "--listen", "127.0.0.1:0")).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(cli.err()).contains("fleet: pools[0].name: must be a pool name");
        assertThat(cli.out()).doesNotContain("listening");
    }

    @Test
    void aPortInUseIsAFailureSayingWhere() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(cli.run("serve", "--listen", "127.0.0.1:" + taken.getLocalPort())).isEqualTo(ExitCode.FAILURE);

            assertThat(cli.err()).startsWith("fleet: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .hasLineCount(1);
        }
    }

    /** Beyond loopback the API answers whoever reaches the port: not without a token. */
    @Test
    void beyondLoopbackWithoutAnApiTokenServeDoesNotStart() {
        assertThat(cli.run("serve", "--listen", ":0")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).isEqualTo("fleet: --listen 0.0.0.0:0 is beyond loopback: set FLEET_API_TOKEN to serve "
                + "the API beyond this machine, or listen on 127.0.0.1\n");

        cli.env.put("FLEET_API_TOKEN", " ");
        assertThat(cli.run("serve", "--listen", "[::]:0")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).startsWith("fleet: --listen [::]:0 is beyond loopback: set FLEET_API_TOKEN");
        assertThat(cli.out()).doesNotContain("listening");
    }
}
