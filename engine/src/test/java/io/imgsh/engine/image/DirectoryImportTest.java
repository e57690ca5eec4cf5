package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.format.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.XZInputStream;

/**
 * {@code image import DIR}: a directory holding metadata.yaml, rootfs/ and optionally templates/ is packed, as
 * {@code lxc} packs it, into a unified xz tarball that streams through the ingest; its fingerprint is that tarball's
 * SHA-256. Refusals (no metadata.yaml, no rootfs/, symlinks out of the directory) are in {@link ImportRejectTest}.
 */
class DirectoryImportTest extends ImageFixtureTest {
    private static final FileTime MTIME = FileTime.fromMillis(1_700_000_000_000L);


    /** An image directory with a file of each kind a rootfs has, all dated {@link #MTIME}. */
    static Path imageDirectory(Path dir, String description) throws IOException {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("metadata.yaml"), ImageFixture.metadata(description));
        Files.writeString(dir.resolve("templates/hostname.tpl"), "{{ container.name }}\n");
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("bin"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createDirectories(rootfs.resolve("tmp"));
        Files.setAttribute(rootfs.resolve("tmp"), "unix:mode", 01777);
        Files.writeString(rootfs.resolve("bin/hello"), "#!/bin/sh\necho hello " + description + "\n");
        Files.setAttribute(rootfs.resolve("bin/hello"), "unix:mode", 0755);
        Files.createLink(rootfs.resolve("bin/hello-again"), rootfs.resolve("bin/hello"));
        Files.writeString(rootfs.resolve("etc/hostname"), "from-a-directory\n");
        Files.write(rootfs.resolve("etc/empty"), new byte[0]);
        Files.createSymbolicLink(rootfs.resolve("etc/hello-link"), Path.of("../bin/hello"));
        Files.createSymbolicLink(rootfs.resolve("etc/localtime"), Path.of("/usr/share/zoneinfo/UTC"));
        return dated(dir);
    }

    /** Dates everything in {@code dir} but its symlinks {@link #MTIME}. */
    static Path dated(Path dir) throws IOException {
        try (var all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, MTIME);
                }
            }
        }
        return dir;
    }

    private record Entry(String name, char type, int mode, String link, String content) {
    }

    private static List<Entry> entries(Path tarball) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (InputStream in = new TarArchiveInputStream(new XZInputStream(Files.newInputStream(tarball)))) {
            TarArchiveInputStream tar = (TarArchiveInputStream) in;
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                char type = e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : e.isLink() ? 'h' : 'f';
                String content = type == 'f' ? new String(tar.readAllBytes(), StandardCharsets.UTF_8) : null;
                out.add(new Entry(e.getName(), type, e.getMode(), type == 'l' || type == 'h' ? e.getLinkName() : null,
                        content));
                assertThat(e.getLongUserId()).as(e.getName()).isEqualTo(((Integer) Files.getAttribute(tarball, "unix:uid")).longValue());
                assertThat(e.getUserName()).as("numeric owners only").isEmpty();
                if (type != 'l') {
                    assertThat(e.getLastModifiedTime()).as(e.getName()).isEqualTo(MTIME);
                }
            }
        }
        return out;
    }

    @Test
    void packsTheDirectoryIntoAnXzUnifiedImageWhoseFingerprintIsItsSha256() throws IOException {
        Path dir = imageDirectory(tmp.resolve("webimage"), "From a directory");

        ImportResult result = fx.images().importImage(new ImportRequest(dir, null, List.of("web"), false,
                Map.of("os", "custom")));

        Path stored = fx.imagesDir().resolve(result.fingerprint());
        assertThat(ImageFixture.sha256(stored)).isEqualTo(result.fingerprint());
        assertThat(Compression.detect(stored)).isEqualTo(Compression.XZ);
        Image image = fx.images().resolve("web");
        assertThat(image.type()).isEqualTo("container");
        assertThat(image.filename()).isEqualTo("webimage.tar.xz");
        assertThat(image.size()).isEqualTo(Files.size(stored));
        assertThat(image.properties()).containsEntry("description", "From a directory").containsEntry("os", "custom");
        assertThat(entries(stored)).containsExactly(
                new Entry("metadata.yaml", 'f', 0644, null, ImageFixture.metadata("From a directory")),
                new Entry("templates/", 'd', 0755, null, null),
                new Entry("templates/hostname.tpl", 'f', 0644, null, "{{ container.name }}\n"),
                new Entry("rootfs/", 'd', 0755, null, null),
                new Entry("rootfs/bin/", 'd', 0755, null, null),
                new Entry("rootfs/bin/hello", 'f', 0755, null, "#!/bin/sh\necho hello From a directory\n"),
                new Entry("rootfs/bin/hello-again", 'h', 0755, "rootfs/bin/hello", null),
                new Entry("rootfs/etc/", 'd', 0755, null, null),
                new Entry("rootfs/etc/empty", 'f', 0644, null, ""),
                new Entry("rootfs/etc/hello-link", 'l', 0777, "../bin/hello", null),
                new Entry("rootfs/etc/hostname", 'f', 0644, null, "from-a-directory\n"),
                new Entry("rootfs/etc/localtime", 'l', 0777, "/usr/share/zoneinfo/UTC", null),
                new Entry("rootfs/tmp/", 'd', 01777, null, null));
    }

    @Test
    void theSameTreeAlwaysPacksToTheSameFingerprint() throws IOException {
        Path dir = imageDirectory(tmp.resolve("same"), "Same");
        fx.images().importImage(new ImportRequest(dir, null, List.of(), false, Map.of()));

        assertThatThrownBy(() -> fx.images().importImage(new ImportRequest(dir, null, List.of("again"), false,
                Map.of()))).isInstanceOf(ConflictException.class)
                .hasMessage("Image with same fingerprint already exists");
        assertThat(fx.images().aliases(List.of())).isEmpty();
    }

    @Test
    void templatesAreOptional() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bare/rootfs/etc"));
        Files.writeString(tmp.resolve("bare/metadata.yaml"), "architecture: x86_64\ncreation_date: 1700000000\n");

        ImportResult result = fx.images().importImage(new ImportRequest(dated(tmp.resolve("bare")), null, List.of(),
                false, Map.of()));

        assertThat(entries(fx.imagesDir().resolve(result.fingerprint())).stream().map(Entry::name))
                .containsExactly("metadata.yaml", "rootfs/", "rootfs/etc/");
        assertThat(dir).isDirectory();
    }
}
