package io.imgsh.engine.remote.lxd;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.format.MultipartParts;
import io.imgsh.engine.image.CountingStream;
import io.imgsh.engine.image.ImagePart;
import io.imgsh.engine.image.ImageSink;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.Http;
import io.imgsh.engine.remote.TransferLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Locale;

/**
 * The one reader of {@code GET /1.0/images/<fp>/export}: a unified image's raw body (resumed with a range request if
 * the connection breaks), or a split image's {@code multipart/form-data} body, part {@code metadata} then part
 * {@code rootfs*} (which a range request cannot resume). Every body is capped at the size the server announced.
 */
final class LxdExport {
    /**
     * What a split image's export may carry besides its two files: the multipart delimiters and part headers (a few
     * hundred bytes from LXD).
     */
    static final long MULTIPART_FRAMING = 64 << 10;

    private LxdExport() {
    }

    /**
     * Streams the files of the image that {@code export} (its export path and query) gives into {@code sink};
     * {@code size} is the size the server announced (0: none).
     */
    static long read(LxdClient client, String export, long size, ImageSink sink, Progress progress) {
        URI url = client.uri(export);
        Http http = client.http();
        long announced = size > 0 ? size : -1;
        TransferLimits limits = http.limits();
        HttpResponse<InputStream> response = http.send(Http.request(url).GET().build());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status != 200) {
                LxdResponse.parse(status, body.readNBytes(1 << 20), null, "GET " + url.getPath());
                throw new EngineException("Failed to fetch " + url + ": HTTP " + status);
            }
            if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                InputStream bounded = limits.bounded(body, url, announced, MULTIPART_FRAMING);
                long[] done = {0};
                int parts = MultipartParts.read(bounded, contentType, (i, name, filename, in) -> {
                    if (i == 0 && !name.equals("metadata") || i == 1 && !name.startsWith("rootfs") || i > 1) {
                        throw new EngineException("Invalid multipart image from " + url.getHost() + ": unexpected"
                                + " part \"" + name + "\"");
                    }
                    ImagePart part = i == 0 ? ImagePart.METADATA : ImagePart.ROOTFS;
                    CountingStream counted = new CountingStream(in, done[0], announced, part.stage(), progress);
                    sink.accept(part, counted);
                    done[0] = counted.count();
                });
                if (parts != 2) {
                    throw new EngineException("Invalid multipart image from " + url.getHost() + ": " + parts
                            + " parts instead of 2");
                }
                return done[0];
            }
            if (!response.headers().firstValue("Content-Disposition").orElse("").contains("filename=")) {
                throw new EngineException("Invalid export response from " + url.getHost()
                        + ": no filename in Content-Disposition");
            }
            InputStream bounded = limits.bounded(http.resumable(url, response), url, announced, 0);
            CountingStream counted = new CountingStream(bounded, 0, announced, null, progress);
            sink.accept(ImagePart.UNIFIED, counted);
            return counted.count();
        } catch (IOException e) {
            throw Http.failure(url, e);
        }
    }
}
