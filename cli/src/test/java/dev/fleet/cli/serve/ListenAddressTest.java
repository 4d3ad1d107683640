package dev.fleet.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListenAddressTest {

    @Test
    void readsHostAndPortIpv6InBracketsAndEveryInterface() {
        assertThat(ListenAddress.parse("127.0.0.1:8080")).isEqualTo(new ListenAddress("127.0.0.1", 8080));
        assertThat(ListenAddress.parse("[::1]:9000")).isEqualTo(new ListenAddress("::1", 9000));
        assertThat(ListenAddress.parse(":8080")).isEqualTo(new ListenAddress("0.0.0.0", 8080));
        assertThat(ListenAddress.parse("[::1]:9000")).hasToString("[::1]:9000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8080", "host:port", "127.0.0.1:70000", "::1:8080", "127.0.0.1:-1"})
    void refusesWhatIsNoAddressToListenOnNamingTheRule(String text) {
        assertThatThrownBy(() -> ListenAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HOST:PORT, [IPV6]:PORT or :PORT");
    }

    @Test
    void onlyLoopbackAddressesAreLoopback() {
        assertThat(ListenAddress.parse("127.0.0.1:1").loopback()).isTrue();
        assertThat(ListenAddress.parse("[::1]:1").loopback()).isTrue();
        assertThat(ListenAddress.parse("localhost:1").loopback()).isTrue();
        assertThat(ListenAddress.parse(":1").loopback()).isFalse();
        assertThat(ListenAddress.parse("[::]:1").loopback()).isFalse();
        assertThat(ListenAddress.parse("no-such-host.invalid:1").loopback()).isFalse();
    }
}
