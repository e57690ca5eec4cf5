package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.XZInputStream;

/**
 * {@code image import DIR} against the real {@code lxc image import DIR} of LXD 5.0.2 on the peer: both pack the same
 * directory into an xz tarball holding the same entries with the same attributes (order aside), and LXD takes the
 * tarball imgsh made as an image with imgsh's fingerprint.
 */
class DirectoryImportPeerE2eTest extends ImageFixtureTest {
    LocalLxc lxc;
    final List<String> onPeer = new ArrayList<>();

    @AfterEach
    void deleteFromThePeer() {
        if (lxc != null) {
            lxc.deleteImages(onPeer);
        }
    }

    /** What a tar entry says about a file, a hard link standing for the file it links to. */
    private record Attributes(char type, int mode, long uid, long gid, String owner, long mtime, String link,
                              String content) {
    }

    private static Map<String, Attributes> entries(Path tarball) throws IOException {
        assertThat(Compression.detect(tarball)).isEqualTo(Compression.XZ);
        Map<String, Attributes> out = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(Files.newInputStream(tarball)))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                Attributes a;
                if (e.isLink()) {
                    a = out.get(e.getLinkName());
                } else {
                    char type = e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : e.isCharacterDevice() ? 'c'
                            : e.isBlockDevice() ? 'b' : e.isFIFO() ? 'p' : 'f';
                    a = new Attributes(type, e.getMode() & 07777, e.getLongUserId(), e.getLongGroupId(),
                            e.getUserName() + ":" + e.getGroupName(), e.getLastModifiedTime().toInstant().getEpochSecond(),
                            type == 'l' ? e.getLinkName() : null,
                            type == 'f' ? ImageFixture.sha256(tar.readAllBytes()) : null);
                }
                out.put(e.getName(), a);
            }
        }
        return out;
    }

    @Test
    void packsWhatLxcPacksAndLxdTakesImgshsTarballWithTheSameFingerprint() throws IOException {
        lxc = LocalLxc.require(tmp.resolve("lxc"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path image = DirectoryImportTest.imageDirectory(tmp.resolve("image"), "Peer directory " + run);

        String imgshFp = fx.images().importImage(new ImportRequest(image, null, List.of(), false, Map.of()))
                .fingerprint();
        String out = lxc.run("image", "import", image.toString(), "local:");
        String lxdFp = out.substring(out.indexOf("fingerprint: ") + 13).strip();
        onPeer.add(lxdFp);
        Path exported = Files.createDirectories(tmp.resolve("exported"));
        lxc.run("image", "export", "local:" + lxdFp, exported + "/");

        Map<String, Attributes> packed = entries(fx.imagesDir().resolve(imgshFp));
        assertThat(packed).hasSize(13).containsKeys("metadata.yaml", "rootfs/bin/hello-again", "rootfs/etc/localtime");
        assertThat(packed).isEqualTo(entries(exported.resolve(lxdFp + ".tar.xz")));

        onPeer.add(imgshFp);
        assertThat(lxc.run("image", "import", fx.imagesDir().resolve(imgshFp).toString(), "local:"))
                .contains("fingerprint: " + imgshFp);
        assertThat(lxc.run("image", "list", "local:" + imgshFp, "-c", "tad", "--format", "csv"))
                .isEqualTo("CONTAINER,x86_64,Peer directory " + run + "\n");
    }
}
