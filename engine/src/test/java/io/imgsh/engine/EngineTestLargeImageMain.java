package io.imgsh.engine;

import io.imgsh.engine.image.ImportRequest;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Run in a child JVM with a small heap by {@link EngineTest}: streams a large plain tarball to disk (metadata.yaml,
 * then one big rootfs file written in chunks, never held in memory) and imports it through the engine. Prints the
 * fingerprint as the last line of standard output.
 *
 * <p>Arguments: home, tarball path, size in MiB, and optionally {@code longlink} or {@code pax}: then the tarball is
 * gzip-compressed and starts with a GNU long-name or PAX header entry of that size (a few MiB compressed) before
 * metadata.yaml, and a refused import prints {@code rejected: <message>}.
 */
public final class EngineTestLargeImageMain {
    private static final String METADATA = """
            architecture: x86_64
            creation_date: 1700000000
            properties:
              description: large image
            """;

    private EngineTestLargeImageMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path tarball = Path.of(args[1]);
        long size = Long.parseLong(args[2]) << 20;
        if (args.length > 3) {
            hugeHeader(tarball, args[3], size);
            try (Engine engine = Engine.open(home, Clock.systemUTC())) {
                System.out.println(engine.images().importImage(
                        new ImportRequest(tarball, null, List.of(), false, Map.of())).fingerprint());
            } catch (InvalidInputException e) {
                System.out.println("rejected: " + e.getMessage());
            }
            return;
        }

        byte[] chunk = new byte[1 << 20];
        Random random = new Random(7);
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tarball), 1 << 16);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            byte[] metadata = METADATA.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry meta = new TarArchiveEntry("metadata.yaml");
            meta.setSize(metadata.length);
            tar.putArchiveEntry(meta);
            tar.write(metadata);
            tar.closeArchiveEntry();
            tar.putArchiveEntry(new TarArchiveEntry("rootfs/"));
            tar.closeArchiveEntry();
            TarArchiveEntry big = new TarArchiveEntry("rootfs/big.bin");
            big.setSize(size);
            tar.putArchiveEntry(big);
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                tar.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
            tar.closeArchiveEntry();
        }

        try (Engine engine = Engine.open(home, Clock.systemUTC())) {
            String fingerprint = engine.images().importImage(
                    new ImportRequest(tarball, null, List.of("large"), false, Map.of())).fingerprint();
            System.out.println("max heap " + Runtime.getRuntime().maxMemory());
            System.out.println(fingerprint);
        }
    }

    /** A gzip tarball: a special header entry ({@code L} or {@code x}) of {@code size} bytes, then metadata.yaml. */
    private static void hugeHeader(Path tarball, String kind, long size) throws Exception {
        try (OutputStream out = new java.util.zip.GZIPOutputStream(
                new BufferedOutputStream(Files.newOutputStream(tarball), 1 << 16), 1 << 16)) {
            boolean pax = kind.equals("pax");
            out.write(header(pax ? "PaxHeaders/x" : "././@LongLink", size, pax ? 'x' : 'L'));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'a');
            long left = size;
            if (pax) {
                byte[] head = (size + " path=").getBytes(StandardCharsets.US_ASCII);
                out.write(head);
                left -= head.length + 1;
            }
            for (; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            if (pax) {
                out.write('\n');
            }
            out.write(new byte[(int) ((512 - size % 512) % 512)]);
            out.write(header("x", 0, '0'));
            byte[] metadata = METADATA.getBytes(StandardCharsets.UTF_8);
            out.write(header("metadata.yaml", metadata.length, '0'));
            out.write(metadata);
            out.write(new byte[(512 - metadata.length % 512) % 512 + 1024]);
        }
    }

    private static byte[] header(String name, long size, char type) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        return h;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
