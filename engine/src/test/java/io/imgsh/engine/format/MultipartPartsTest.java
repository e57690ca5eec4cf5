package io.imgsh.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The split-export body as LXD 5.0.2 writes it ({@code wire/export-split.multipart.txt}). */
public class MultipartPartsTest {
    public static final String BOUNDARY = "47bc34534cc19f7547ddd42062e9f884ef653d57fc2a557950aa31e9fbf1";
    static final String FP = "8b63b0cd169b9b0aacd1cfa98273ceb0c8ba4dde2c9f4bd849ab449119522640";

    record Part(String name, String filename, byte[] bytes) {
    }

    /** The body of a split export, with the closing delimiter once or (as 5.0.2 does) twice. */
    public static byte[] body(byte[] meta, byte[] rootfs, int closings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"metadata\"; filename=\"meta-" + FP + ".tar.xz\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(meta);
        out.write(("\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"rootfs\"; filename=\"" + FP + ".tar.xz\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(rootfs);
        for (int i = 0; i < closings; i++) {
            out.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    static List<Part> parse(byte[] body) throws IOException {
        List<Part> parts = new ArrayList<>();
        MultipartParts.read(new ByteArrayInputStream(body), "multipart/form-data; boundary=" + BOUNDARY,
                (i, name, filename, in) -> parts.add(new Part(name, filename, in.readAllBytes())));
        return parts;
    }

    /** Bytes that look like line ends, dashes and near-boundaries, as binary tarballs may contain. */
    static byte[] nasty(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        byte[] trap = ("\r\n--" + BOUNDARY.substring(0, 40) + "\r\n--\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int at = 100; at + trap.length < size; at += 7919) {
            System.arraycopy(trap, 0, b, at, trap.length);
        }
        return b;
    }

    @Test
    void doubledClosingDelimiterAsLxd502WritesIt() throws IOException {
        byte[] meta = nasty(400, 1);
        byte[] rootfs = nasty(532, 2);
        List<Part> parts = parse(body(meta, rootfs, 2));
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).name()).isEqualTo("metadata");
        assertThat(parts.get(0).filename()).isEqualTo("meta-" + FP + ".tar.xz");
        assertThat(parts.get(0).bytes()).isEqualTo(meta);
        assertThat(parts.get(1).name()).isEqualTo("rootfs");
        assertThat(parts.get(1).filename()).isEqualTo(FP + ".tar.xz");
        assertThat(parts.get(1).bytes()).isEqualTo(rootfs);
    }

    @Test
    void singleClosingDelimiterAndLargeBinaryParts() throws IOException {
        byte[] meta = nasty(70_000, 3);
        byte[] rootfs = nasty(3 << 20, 4);
        List<Part> parts = parse(body(meta, rootfs, 1));
        assertThat(parts).extracting(Part::name).containsExactly("metadata", "rootfs");
        assertThat(parts.get(0).bytes()).isEqualTo(meta);
        assertThat(parts.get(1).bytes()).isEqualTo(rootfs);
    }

    @Test
    void emptyPartsAreParts() throws IOException {
        List<Part> parts = parse(body(new byte[0], new byte[0], 2));
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).bytes()).isEmpty();
    }

    @Test
    void truncatedBodyIsAnError() throws IOException {
        byte[] full = body(nasty(400, 5), nasty(5000, 6), 2);
        byte[] cut = Arrays.copyOf(full, 1000);
        assertThatThrownBy(() -> parse(cut)).isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith("Invalid multipart body: ");
    }

    /** A header line without an end is refused once it passes 64 KiB, not read whole into memory. */
    @Test
    void anOverlongHeaderLineIsRefusedUnread() {
        byte[] start = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"metadata\"; x=")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(start, start.length + (16 << 20));
        Arrays.fill(body, start.length, body.length, (byte) 'a');
        TrackingStream in = new TrackingStream(body);

        assertThatThrownBy(() -> MultipartParts.read(in, "multipart/form-data; boundary=" + BOUNDARY,
                (i, name, filename, part) -> part.readAllBytes()))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("Invalid multipart body: a header line is longer than 64 KiB");
        assertThat(in.consumed()).isLessThan(1 << 20);
    }

    @Test
    void bodyLinesHaveNoLimit() throws IOException {
        byte[] line = new byte[1 << 20];
        Arrays.fill(line, (byte) 'x');
        assertThat(parse(body(line, line, 1))).extracting(Part::bytes).containsExactly(line, line);
    }

    @Test
    void boundaryFromContentType() {
        assertThat(MultipartParts.boundary("multipart/form-data; boundary=abc")).isEqualTo("abc");
        assertThat(MultipartParts.boundary("multipart/form-data; boundary=\"a b\"")).isEqualTo("a b");
        assertThat(MultipartParts.boundary("application/octet-stream")).isNull();
    }
}
