package io.imgsh.engine.remote;

import io.imgsh.engine.EngineException;
import io.imgsh.store.Ingest;
import java.io.FilterInputStream;
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
    private final TransferProgress progress;
    private long transferred;

    Downloader(Http http, TransferProgress progress) {
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
            try (InputStream body = response.body()) {
                int expected = have > 0 ? 206 : 200;
                if (response.statusCode() != expected) {
                    if (have > 0 && response.statusCode() == 200) {
                        throw new EngineException("Download of " + file.url() + " broke off and the server cannot"
                                + " resume it (no range support)");
                    }
                    throw new EngineException("Failed to fetch " + file.url() + ": HTTP " + response.statusCode());
                }
                InputStream in = new DigestInputStream(new Counting(body, file, have, stage), digest);
                ingest.drain(in);
                last = null;
                break;
            } catch (IOException e) {
                last = e;
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

    /** Counts bytes, reports progress and refuses more than the published size. */
    private final class Counting extends FilterInputStream {
        private final RemoteFile file;
        private final String stage;
        private long position;

        Counting(InputStream in, RemoteFile file, long position, String stage) {
            super(in);
            this.file = file;
            this.position = position;
            this.stage = stage;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                position += n;
                transferred += n;
                if (file.size() >= 0 && position > file.size()) {
                    throw new EngineException("Download of " + file.url() + " exceeds the published size of "
                            + file.size() + " bytes");
                }
                progress.update(stage, position, file.size());
            }
            return n;
        }
    }
}
