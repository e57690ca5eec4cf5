package io.imgsh.engine.server;

import io.imgsh.engine.format.Compression;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.jetty.http.ByteRange;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpFields;

/**
 * {@code GET /1.0/images/<fp>/export} as LXD answers it: a unified image's file raw, with a Range request answered
 * from the asked offset (so a broken download resumes); a split image as {@code multipart/form-data}, part
 * {@code metadata} ({@code meta-<fp><ext>}) then part {@code rootfs} ({@code <fp><ext>}). The files are streamed
 * from the store, never held in memory.
 */
final class ExportResponse {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ExportResponse() {
    }

    /** Answers {@code call} with the files, completing it. */
    static void send(Call call, String fingerprint, List<Path> files) throws IOException {
        if (files.size() == 1) {
            unified(call, fingerprint, files.get(0));
        } else {
            split(call, fingerprint, files.get(0), files.get(1));
        }
    }

    private static void unified(Call call, String fingerprint, Path file) throws IOException {
        long size = Files.size(file);
        HttpFields.Mutable headers = call.response().getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        headers.put(HttpHeader.CONTENT_DISPOSITION, "inline;filename=" + fingerprint + extension(file));
        headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
        List<String> asked = call.header("Range").map(List::of).orElse(List.of());
        List<ByteRange> ranges = asked.isEmpty() ? List.of() : ByteRange.parse(asked, size);
        if (!asked.isEmpty() && ranges.isEmpty()) {
            headers.put(HttpHeader.CONTENT_RANGE, ByteRange.toNonSatisfiableHeaderValue(size));
            call.error(416, "Requested range not satisfiable");
            return;
        }
        long first = 0;
        long length = size;
        int status = 200;
        if (ranges.size() == 1) {
            first = ranges.get(0).first();
            length = ranges.get(0).getLength();
            status = 206;
            headers.put(HttpHeader.CONTENT_RANGE, ranges.get(0).toHeaderValue(size));
        }
        headers.put(HttpHeader.CONTENT_LENGTH, length);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
             OutputStream out = call.stream(status)) {
            WritableByteChannel to = Channels.newChannel(out);
            for (long done = 0; done < length; ) {
                long n = in.transferTo(first + done, length - done, to);
                if (n <= 0) {
                    throw new EOFException(file + " ended at " + (first + done) + " of " + size + " bytes");
                }
                done += n;
            }
        }
        call.finish(null);
    }

    private static void split(Call call, String fingerprint, Path metadata, Path rootfs) throws IOException {
        byte[] random = new byte[30];
        RANDOM.nextBytes(random);
        String boundary = HexFormat.of().formatHex(random);
        call.response().getHeaders().put(HttpHeader.CONTENT_TYPE, "multipart/form-data; boundary=" + boundary);
        try (OutputStream out = call.stream(200)) {
            part(out, boundary, "metadata", "meta-" + fingerprint + extension(metadata), metadata);
            out.write(ascii("\r\n"));
            part(out, boundary, "rootfs", fingerprint + extension(rootfs), rootfs);
            out.write(ascii("\r\n--" + boundary + "--\r\n"));
        }
        call.finish(null);
    }

    private static void part(OutputStream out, String boundary, String name, String filename, Path file)
            throws IOException {
        out.write(ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
    }

    private static String extension(Path file) throws IOException {
        return Compression.detect(file).extension();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
