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
 * the connection breaks, and asked for from where the sink holds it: LXD serves a unified file with Go's
 * {@code http.ServeContent}, which answers ranges), or a split image's {@code multipart/form-data} body, part
 * {@code metadata} then part {@code rootfs*}, always read from its start (LXD ignores a range there and sends it
 * whole; a proxy's slice of it is not used; nothing held is then continued). Every body is capped at the size the
 * server announced.
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
     * {@code size} is the size the server announced (0: none). Returns the bytes that came from the server.
     */
    static long read(LxdClient client, String export, long size, ImageSink sink, Progress progress) {
        URI url = client.uri(export);
        Http http = client.http();
        long announced = size > 0 ? size : -1;
        TransferLimits limits = http.limits();
        long held = announced > 0 ? sink.held(ImagePart.UNIFIED) : 0;
        long from = held <= announced ? held : 0;
        if (from > 0 && from == announced) {
            try {
                sink.accept(ImagePart.UNIFIED, from, InputStream.nullInputStream());
            } catch (IOException e) {
                throw Http.failure(url, e);
            }
            return 0;
        }
        Http.Ranged answer = http.getFrom(url, from, announced);
        if (answer.start() > 0 && multipart(answer.response())) {
            // held bytes of a split image (its metadata file): a multipart body is read from its start or not at all
            closeQuietly(answer.response());
            answer = http.getFrom(url, 0, announced);
        }
        HttpResponse<InputStream> response = answer.response();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status != (answer.start() > 0 ? 206 : 200)) {
                LxdResponse.parse(status, body.readNBytes(1 << 20), null, "GET " + url.getPath());
                throw new EngineException("Failed to fetch " + url + ": HTTP " + status);
            }
            if (multipart(response)) {
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
            long start = answer.start();
            InputStream bounded = limits.bounded(http.resumable(url, answer), url,
                    announced < 0 ? -1 : announced - start, 0);
            CountingStream counted = new CountingStream(bounded, start, announced, null, progress);
            sink.accept(ImagePart.UNIFIED, start, counted);
            if (counted.count() < announced && answer.length() < 0) {
                // a body of no announced length that ended early broke off: what arrived is worth continuing (with
                // a length, it would have been resumed; short of it, the fingerprint tells)
                throw new EngineException("Download of " + url + " broke off after " + counted.count() + " of "
                        + announced + " bytes");
            }
            return counted.count() - start;
        } catch (IOException e) {
            throw Http.failure(url, e);
        }
    }

    private static boolean multipart(HttpResponse<InputStream> response) {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT)
                .startsWith("multipart/");
    }

    private static void closeQuietly(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // nothing in it is wanted
        }
    }
}
