package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void anInterruptIsToldFromATimeoutAlsoWhenWrapped() {
        assertThat(Progress.interrupted(new InterruptedIOException())).isTrue();
        assertThat(Progress.interrupted(new ClosedByInterruptException())).isTrue();
        // the JDK's HTTP client hands on what broke a request wrapped in an IOException of its own
        assertThat(Progress.interrupted(new IOException("request failed", new ClosedByInterruptException())))
                .isTrue();
        assertThat(Progress.interrupted(new SocketTimeoutException())).isFalse();
        assertThat(Progress.interrupted(new IOException("request failed", new SocketTimeoutException()))).isFalse();
        assertThat(Progress.interrupted(new IOException("disk full"))).isFalse();
    }
}
