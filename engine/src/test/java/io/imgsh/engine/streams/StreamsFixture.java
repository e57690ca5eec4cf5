package io.imgsh.engine.streams;

import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.TarBuilder;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImportRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Public images of distinct content in a fixture's store, one version of a product each, to publish as a tree. */
final class StreamsFixture {
    private final ImageFixture fx;
    private int made;

    StreamsFixture(ImageFixture fx) {
        this.fx = fx;
    }

    /** A split image of {@code release} with a squashfs root and a {@code serial} (the version key). */
    String squashfs(String release, String serial, boolean isPublic, String... aliases) {
        byte[] meta = ImageFixture.metaTar(ImageFixture.metadata("squashfs " + release + " " + serial, release))
                .build(Compression.XZ);
        return split(meta, ImageFixture.squashfs(), release, serial, isPublic, aliases);
    }

    /** A split image of {@code release} with a gzip rootfs tarball. */
    String rootTar(String release, String serial, String... aliases) {
        byte[] meta = ImageFixture.metaTar(ImageFixture.metadata("tar " + release + " " + serial, release))
                .build(Compression.XZ);
        byte[] rootfs = new TarBuilder().dir("./").file("./etc/hostname", serial + "\n").build(Compression.GZIP);
        return split(meta, rootfs, release, serial, true, aliases);
    }

    /** A unified gzip image of {@code release}. */
    String unified(String release, String serial, String... aliases) {
        Path file = fx.file("unified-" + (made++) + ".tar.gz", ImageFixture.unifiedTar(
                ImageFixture.metadata("unified " + release + " " + serial, release)).build(Compression.GZIP));
        return fx.images().importImage(new ImportRequest(file, null, List.of(aliases), true,
                Map.of("serial", serial))).fingerprint();
    }

    private String split(byte[] meta, byte[] rootfs, String release, String serial, boolean isPublic,
                         String... aliases) {
        int n = made++;
        Path m = fx.file("meta-" + n + ".tar.xz", meta);
        Path r = fx.file("rootfs-" + n, rootfs);
        return fx.images().importImage(new ImportRequest(m, r, List.of(aliases), isPublic,
                Map.of("serial", serial))).fingerprint();
    }

    /** Every file below {@code dir} (relative path → size and modification time): what a build may have changed. */
    static Map<String, String> files(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis()
                        + " " + Files.getAttribute(p, "unix:ino"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
