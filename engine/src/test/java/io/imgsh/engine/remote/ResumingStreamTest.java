package io.imgsh.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.format.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumingStreamTest {
    static final URI URL = URI.create("https://127.0.0.1:1/file");
    final byte[] data = TarBuilder.random(100_000);
    final List<Long> reconnects = new ArrayList<>();

    /** The bytes from {@code from} on, then a reset connection after {@code breakAfter} of them. */
    private InputStream breaking(long from, long breakAfter) {
        long end = Math.min(data.length, from + breakAfter);
        return new InputStream() {
            long position = from;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position == end) {
                    if (end == data.length) {
                        return -1;
                    }
                    throw new IOException("connection reset");
                }
                int n = (int) Math.min(len, end - position);
                System.arraycopy(data, (int) position, b, off, n);
                position += n;
                return n;
            }
        };
    }

    @Test
    void aBrokenConnectionResumesFromTheBytesDelivered() throws IOException {
        InputStream first = breaking(0, 30_000);
        try (ResumingStream in = new ResumingStream(URL, first, data.length, from -> {
            reconnects.add(from);
            return new ByteArrayInputStream(Arrays.copyOfRange(data, (int) from, data.length));
        })) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(reconnects).containsExactly(30_000L);
    }

    @Test
    void anEndBeforeTheAnnouncedLengthIsResumedButAnUnknownLengthIsNot() throws IOException {
        InputStream first = new ByteArrayInputStream(data, 0, 40_000);
        try (ResumingStream in = new ResumingStream(URL, first, data.length, from -> {
            reconnects.add(from);
            return new ByteArrayInputStream(Arrays.copyOfRange(data, (int) from, data.length));
        })) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(reconnects).containsExactly(40_000L);

        try (ResumingStream in = new ResumingStream(URL, new ByteArrayInputStream(data, 0, 40_000), -1, from -> {
            throw new AssertionError("no reconnect without a length");
        })) {
            assertThat(in.readAllBytes()).hasSize(40_000);
        }
    }

    @Test
    void givesUpAfterThreeConnections() {
        ResumingStream in = new ResumingStream(URL, breaking(0, 10_000), data.length, from -> {
            reconnects.add(from);
            return breaking(from, 10_000);
        });
        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessage("connection reset");
        assertThat(reconnects).containsExactly(10_000L, 20_000L);
    }

    /** A body whose every read fails with {@code failure}: the read fails so, and nothing reconnects. */
    private void assertNotResumedAfter(IOException failure, String why) {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }
        };
        ResumingStream in = new ResumingStream(URL, failing, data.length, from -> {
            throw new AssertionError(why);
        });
        assertThatThrownBy(() -> in.read(new byte[10])).isInstanceOf(failure.getClass());
    }

    @Test
    void anInterruptedReadIsNotRetried() {
        assertNotResumedAfter(new InterruptedIOException("interrupted"), "an interrupt must not reconnect");
    }

    @Test
    void aBrokenTransferLimitIsNotResumed() {
        assertNotResumedAfter(new TransferLimitException("Download from 127.0.0.1:1 stalled: no data for 30 s"),
                "a server that broke a limit is not asked again");
    }

    @Test
    void aRangeAnswerMustStartWhereTheDownloadStopped() {
        try (TestHttpsServer server = new TestHttpsServer()) {
            byte[] body = "0123456789".getBytes(StandardCharsets.UTF_8);
            server.handler("/wrong-range", ex -> {
                ex.getResponseHeaders().add("Content-Range", "bytes 0-9/10");
                ex.sendResponseHeaders(206, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.handler("/gone", ex -> {
                ex.sendResponseHeaders(416, -1);
                ex.close();
            });
            Http http = server.client();
            URI wrong = server.base().resolve("/wrong-range");
            assertThatThrownBy(() -> http.resumeFrom(wrong, 5)).isInstanceOf(EngineException.class)
                    .hasMessage("Download of " + wrong + " cannot resume: the server answered a range request from"
                            + " byte 5 with bytes 0-9/10");
            URI gone = server.base().resolve("/gone");
            assertThatThrownBy(() -> http.resumeFrom(gone, 5)).hasMessage("Failed to fetch " + gone + ": HTTP 416");
            http.close();
        }
    }
}
