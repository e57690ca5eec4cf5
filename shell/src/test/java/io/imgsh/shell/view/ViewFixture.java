package io.imgsh.shell.view;

import io.imgsh.engine.Engine;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImportRequest;
import io.imgsh.engine.image.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A real store (through the engine) filled with real, byte-for-byte reproducible images: uncompressed tarballs with
 * fixed timestamps, so that fingerprints and sizes are the same on every run and screens can be compared literally.
 * Each import happens one minute after the previous one.
 */
final class ViewFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-27T02:23:00Z");

    final Path dir;
    final MutableClock clock = new MutableClock(START);
    final Engine engine;

    ViewFixture(Path dir) {
        this.dir = dir;
        this.engine = Engine.open(dir.resolve("home"), clock);
    }

    /** Imports an image with this description, os and release and extra {@code padding} bytes; its fingerprint. */
    String add(String description, String os, String release, int padding, String... aliases) {
        try {
            Path file = Files.createDirectories(dir.resolve("files")).resolve(description.replaceAll("\\W", "_")
                    + "-" + os + "-" + release + ".tar");
            Files.write(file, tar(description, os, release, padding));
            String fingerprint = engine.images().importImage(new ImportRequest(file, null, List.of(aliases), false,
                    Map.of())).fingerprint();
            Files.delete(file);
            clock.advance(Duration.ofMinutes(1));
            return fingerprint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String add(String description, String... aliases) {
        return add(description, "demo", "1.0", 0, aliases);
    }

    Image image(String fingerprint) {
        return engine.images().get(fingerprint);
    }

    static byte[] tar(String description, String os, String release, int padding) {
        String metadata = """
                architecture: x86_64
                creation_date: 1700000000
                properties:
                  description: "%s"
                  os: %s
                  release: "%s"
                """.formatted(description, os, release);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            entry(out, "metadata.yaml", metadata.getBytes(StandardCharsets.UTF_8));
            entry(out, "rootfs/", null);
            entry(out, "rootfs/etc/", null);
            entry(out, "rootfs/etc/hostname", "imgsh-view\n".getBytes(StandardCharsets.UTF_8));
            if (padding > 0) {
                entry(out, "rootfs/padding", new byte[padding]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void entry(TarArchiveOutputStream out, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setModTime(FileTime.from(Instant.ofEpochSecond(1_700_000_000L)));
        entry.setUserName("root");
        entry.setGroupName("root");
        if (content != null) {
            entry.setSize(content.length);
        }
        out.putArchiveEntry(entry);
        if (content != null) {
            out.write(content);
        }
        out.closeArchiveEntry();
    }

    @Override
    public void close() {
        engine.close();
    }
}
