package io.imgsh.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.InvalidInputException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ListenAddressTest {
    @Test
    void takesLxdsForms() {
        assertThat(ListenAddress.parse("127.0.0.1:9443")).isEqualTo(new InetSocketAddress("127.0.0.1", 9443));
        assertThat(ListenAddress.parse("127.0.0.1")).isEqualTo(new InetSocketAddress("127.0.0.1", 8443));
        assertThat(ListenAddress.parse(":8444").getAddress().isAnyLocalAddress()).isTrue();
        assertThat(ListenAddress.parse("[::]:8443").getAddress().isAnyLocalAddress()).isTrue();
        assertThat(ListenAddress.parse("[::1]:7443")).isEqualTo(new InetSocketAddress("::1", 7443));
        assertThat(ListenAddress.parse("::1")).isEqualTo(new InetSocketAddress("::1", 8443));
    }

    @Test
    void refusesWhatIsNotAnAddress() {
        assertThatThrownBy(() -> ListenAddress.parse("")).isInstanceOf(InvalidInputException.class)
                .hasMessage("No address to listen on: set core.https_address or give --listen");
        assertThatThrownBy(() -> ListenAddress.parse("127.0.0.1:99999"))
                .hasMessage("Invalid address \"127.0.0.1:99999\": the port must be 0 to 65535");
        assertThatThrownBy(() -> ListenAddress.parse("host:port"))
                .hasMessage("Invalid address \"host:port\": the port must be 0 to 65535");
        assertThatThrownBy(() -> ListenAddress.parse("[::1:8443")).hasMessage("Invalid address \"[::1:8443\": unclosed [");
    }
}
