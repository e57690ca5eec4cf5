package io.imgsh.engine.remote;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.CountingStream;
import io.imgsh.engine.image.Progress;
import io.imgsh.store.Ingest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Downloads files into an {@link Ingest} part by part. A connection that breaks mid-file is retried with an HTTP
 * range request from the bytes already written; each file's SHA-256 and size are checked against what the server
 * published.
 */
final class Downloader {
    static final int ATTEMPTS = 3;

    private final Http http;
    private final Progress progress;
    private long transferred;

    Downloader(Http http, Progress progress) {
        this.http = http;
        this.progress = progress;
    }

    /** Bytes received from the network so far (what a resumed download saves shows here). */
    long transferred() {
        return transferred;
    }

    /** Appends {@code file} to the ingest's current part (which must be empty). */
    void fetch(RemoteFile file, Ingest ingest, String stage) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long start = ingest.partSize();
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long have = ingest.partSize() - start;
            HttpRequest.Builder request = Http.request(file.url()).GET();
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
            }
            HttpResponse<InputStream> response = http.send(request.build());
            CountingStream counted = null;
            try (InputStream body = response.body()) {
                int expected = have > 0 ? 206 : 200;
                if (response.statusCode() != expected) {
                    if (have > 0 && response.statusCode() == 200) {
                        throw new EngineException("Download of " + file.url() + " broke off and the server cannot"
                                + " resume it (no range support)");
                    }
                    throw new EngineException("Failed to fetch " + file.url() + ": HTTP " + response.statusCode());
                }
                counted = new CountingStream(body, have, file.size(), null, withinSize(file, stage));
                ingest.drain(new DigestInputStream(counted, digest));
                last = null;
                break;
            } catch (IOException e) {
                last = e;
            } finally {
                if (counted != null) {
                    transferred += counted.count() - have;
                }
            }
        }
        if (last != null) {
            throw Http.unreachable(file.url(), last);
        }
        long size = ingest.partSize() - start;
        if (file.size() >= 0 && size != file.size()) {
            throw new EngineException("Download of " + file.url() + " is " + size + " bytes, expected " + file.size());
        }
        String got = HexFormat.of().formatHex(digest.digest());
        if (!file.sha256().isEmpty() && !got.equals(file.sha256())) {
            throw new EngineException("Hash mismatch for " + file.url() + ": expected " + file.sha256() + ", got "
                    + got);
        }
    }

    /** Reports progress under {@code stage} and refuses more than the published size. */
    private Progress withinSize(RemoteFile file, String stage) {
        return (position, size) -> {
            if (size >= 0 && position > size) {
                throw new EngineException("Download of " + file.url() + " exceeds the published size of " + size
                        + " bytes");
            }
            progress.update(stage, position, size);
        };
    }
}
