package io.imgsh.engine.remote.simplestreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.remote.Remote;
import io.imgsh.engine.remote.TestHttpsServer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What reading a simplestreams catalog may take, over real HTTPS on loopback: a server that lists too many products
 * files, or whose files are too large together in bytes or in JSON tokens, is refused with one line.
 */
class CatalogLimitsTest {
    @AutoClose
    final TestHttpsServer server = new TestHttpsServer();
    /** Small limits, to be passed without moving megabytes. */
    static final SimpleStreamsImages.Limits SMALL = new SimpleStreamsImages.Limits(64, 10_000, 1_000);

    private SimpleStreamsImages catalog(SimpleStreamsImages.Limits limits) {
        return new SimpleStreamsImages(new Remote("ss", server.base().toString(), Remote.SIMPLESTREAMS, "none", true,
                false, server.certificatePem()), server.client(), "x86_64", limits);
    }

    /** Publishes an index listing {@code files} products files, each of them {@code products}. */
    private void publish(int files, byte[] products) {
        String entries = IntStream.range(0, files).mapToObj(i -> "\"p" + i + "\":{\"datatype\":\"image-downloads\","
                + "\"path\":\"streams/v1/p" + i + ".json\",\"products\":[\"x\"]}").collect(Collectors.joining(","));
        server.put("/streams/v1/index.json", ("{\"format\":\"index:1.0\",\"index\":{" + entries + "}}")
                .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < files; i++) {
            server.put("/streams/v1/p" + i + ".json", products);
        }
    }

    private String refused() {
        return "Refused the simplestreams catalog of " + server.base() + "/";
    }

    @Test
    void anIndexListingMoreProductsFilesThanTheLimitIsRefusedBeforeAnyIsFetched() {
        int files = SimpleStreamsImages.Limits.DEFAULT.productsFiles() + 1;
        publish(files, "{\"products\":{}}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> catalog(SimpleStreamsImages.Limits.DEFAULT).list(List.of()))
                .isInstanceOf(EngineException.class)
                .hasMessage(refused() + ": its index lists " + files + " products files, more than " + (files - 1));
        assertThat(server.requests()).containsExactly("GET /streams/v1/index.json");
    }

    @Test
    void filesOverTheBytesOfACatalogTogetherAreRefused() {
        byte[] file = new byte[6_000];
        Arrays.fill(file, (byte) ' ');
        byte[] json = "{\"products\":{}}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(json, 0, file, 0, json.length);
        publish(1, file);
        assertThat(catalog(SMALL).list(List.of())).isEmpty();
        publish(2, file);
        assertThatThrownBy(() -> catalog(SMALL).list(List.of())).isInstanceOf(EngineException.class)
                .hasMessage(refused() + " (index and products files together): more than 10000 bytes of JSON");
    }

    @Test
    void filesOverTheTokensOfACatalogTogetherAreRefused() {
        // {"products":{},"x":[0,0,…]}: 8 tokens and the zeros
        publish(1, ("{\"products\":{},\"x\":[0" + ",0".repeat(599) + "]}").getBytes(StandardCharsets.UTF_8));
        assertThat(catalog(SMALL).list(List.of())).isEmpty();
        publish(2, ("{\"products\":{},\"x\":[0" + ",0".repeat(599) + "]}").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> catalog(SMALL).list(List.of())).isInstanceOf(EngineException.class)
                .hasMessage(refused() + " (index and products files together): more than 1000 JSON tokens");
    }
}
