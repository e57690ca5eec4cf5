import io.imgsh.engine.Engine;
import io.imgsh.engine.image.ImportRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Fills the store at HOME with COUNT distinct small unified images (real gzip tarballs), each with an alias and a
 * few properties, for the listing benchmarks; every third one public, or all of them with a third argument
 * {@code public}. Run by scripts/bench/list.sh and serve.sh.
 */
public final class PopulateStore {
    public static void main(String[] args) throws IOException {
        Path home = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        boolean allPublic = args.length > 2 && args[2].equals("public");
        Path scratch = Files.createTempDirectory("imgsh-populate");
        Path file = scratch.resolve("image.tar.gz");
        try (Engine engine = Engine.open(home, Clock.systemUTC())) {
            for (int i = 0; i < count; i++) {
                Files.write(file, tarball(i));
                engine.images().importImage(new ImportRequest(file, null, List.of("bench-" + i), allPublic || i % 3 == 0,
                        Map.of()));
            }
        }
        Files.delete(file);
        Files.delete(scratch);
    }

    private static byte[] tarball(int i) throws IOException {
        String metadata = "architecture: " + (i % 4 == 0 ? "aarch64" : "x86_64") + "\ncreation_date: "
                + (1700000000 + i) + "\nproperties:\n  description: Bench image " + i + "\n  os: bench\n  release: \""
                + (i % 10) + ".0\"\n  serial: \"" + i + "\"\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            put(tar, "metadata.yaml", metadata.getBytes(StandardCharsets.UTF_8));
            put(tar, "rootfs/etc/hostname", ("bench-" + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setModTime(1700000000000L);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
