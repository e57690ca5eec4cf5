package io.imgsh.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.format.Compression;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images unpacked into instance directories as LXD keeps them, and hostile ones refused. */
class UnpackerTest {
    private static final int SHIFT = 1_000_000;
    private static final String METADATA = """
            architecture: x86_64
            creation_date: 1700000000
            """;

    @TempDir
    Path tmp;

    @BeforeEach
    void needRoot() {
        Root.require();
    }

    @Test
    void ownersModesLinksDevicesAndXattrsAreKeptWithShiftedIds() throws Exception {
        // metadata.yaml and templates/ are the host's, whatever owner and mode the image gives them
        Path dir = unpack(new HostTar().file("metadata.yaml", 0666, 1000, METADATA)
                .dir("templates/", 0777).file("templates/hostname.tpl", 04777, 1000, "{{ container.name }}")
                .dir("rootfs/", 0755).dir("rootfs/bin/", 0755)
                .file("rootfs/bin/su", 04755, 0, "su")
                .hardlink("rootfs/bin/su2", "rootfs/bin/su")
                .file("rootfs/home-u.txt", 0600, 1000, "mine")
                .symlink("rootfs/su-link", "/bin/su")
                .dir("rootfs/dev/", 0755).charDevice("rootfs/dev/null", 1, 3)
                .xattrFile("rootfs/tagged", "user.imgsh", "v1", "x")
                .build(Compression.GZIP));
        Path rootfs = dir.resolve("rootfs");
        assertThat(attr(rootfs, "uid")).isEqualTo(SHIFT);
        assertThat(attr(rootfs.resolve("bin/su"), "mode") & 07777).isEqualTo(04755);
        assertThat(attr(rootfs.resolve("bin/su"), "uid")).isEqualTo(SHIFT);
        assertThat(attr(rootfs.resolve("bin/su2"), "ino")).isEqualTo(attr(rootfs.resolve("bin/su"), "ino"));
        assertThat(attr(rootfs.resolve("home-u.txt"), "uid")).isEqualTo(SHIFT + 1000);
        assertThat(attr(rootfs.resolve("home-u.txt"), "gid")).isEqualTo(SHIFT + 1000);
        assertThat(attr(rootfs.resolve("home-u.txt"), "mode") & 07777).isEqualTo(0600);
        assertThat(Files.readSymbolicLink(rootfs.resolve("su-link"))).isEqualTo(Path.of("/bin/su"));
        assertThat(attr(rootfs.resolve("su-link"), "uid")).isEqualTo(SHIFT);
        assertThat(attr(rootfs.resolve("dev/null"), "mode") & 0170000).isEqualTo(0020000);
        assertThat(attr(rootfs.resolve("dev/null"), "rdev")).isEqualTo(0x103);
        UserDefinedFileAttributeView xattrs = Files.getFileAttributeView(rootfs.resolve("tagged"),
                UserDefinedFileAttributeView.class);
        ByteBuffer value = ByteBuffer.allocate(16);
        xattrs.read("imgsh", value);
        assertThat(new String(value.array(), 0, value.position(), StandardCharsets.UTF_8)).isEqualTo("v1");
        assertThat(Files.readString(dir.resolve("metadata.yaml"))).isEqualTo(METADATA);
        assertThat(attr(dir.resolve("metadata.yaml"), "uid")).isZero();
        assertThat(attr(dir.resolve("metadata.yaml"), "mode") & 07777).isEqualTo(0644);
        assertThat(attr(dir.resolve("templates/hostname.tpl"), "uid")).isZero();
        assertThat(attr(dir.resolve("templates/hostname.tpl"), "mode") & 07777).isEqualTo(0755);
        assertThat(attr(dir.resolve("templates"), "mode") & 07777).isEqualTo(0755);
    }

    @Test
    void aNameThroughASymlinkIsRefusedAndNothingIsWrittenOutside() throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        assertThatThrownBy(() -> unpack(new HostTar().file("metadata.yaml", 0644, 0, METADATA).dir("rootfs/", 0755)
                .symlink("rootfs/escape", outside.toString())
                .file("rootfs/escape/pwned", 0644, 0, "x").build(Compression.XZ)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Unsafe path in image tarball: rootfs/escape/pwned passes through the symbolic link"
                        + " escape");
        try (Stream<Path> written = Files.list(outside)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void anIdAnUnprivilegedInstanceCannotMapIsRefusedNotShiftedOntoAnotherHostId() throws Exception {
        // 65536 + the shift would be host uid 1065536, and a large id wraps: neither may own a setuid file
        for (int id : new int[] {65_536, 2_000_000}) {
            assertThatThrownBy(() -> unpack(new HostTar().file("metadata.yaml", 0644, 0, METADATA)
                    .dir("rootfs/", 0755).dir("rootfs/bin/", 0755).file("rootfs/bin/su", 04755, id, "x")
                    .build(Compression.NONE)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("rootfs/bin/su would be owned by id " + id
                            + ", outside the 65536 ids an unprivileged instance maps");
        }
    }

    @Test
    void hardLinksOutsideTheImageAndDotDotNamesAreRefused() throws Exception {
        Path outside = Files.writeString(tmp.resolve("secret"), "s");
        assertThatThrownBy(() -> unpack(new HostTar().dir("rootfs/", 0755)
                .hardlink("rootfs/stolen", outside.toString()).build(Compression.NONE)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Unsafe path in image tarball: rootfs/stolen is a hard link to ");
        assertThatThrownBy(() -> unpack(new HostTar().dir("rootfs/", 0755)
                .file("rootfs/../../escaped", 0644, 0, "x").build(Compression.BZIP2)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Unsafe path in image tarball: rootfs/../../escaped");
        assertThat(list(tmp)).allMatch(p -> !p.getFileName().toString().equals("escaped"));
        assertThat(attr(outside, "nlink")).isEqualTo(1);
    }

    @Test
    void aSecondMetadataYamlIsRefused() {
        assertThatThrownBy(() -> unpack(new HostTar().file("metadata.yaml", 0644, 0, METADATA).dir("rootfs/", 0755)
                .file("metadata.yaml", 0644, 0, METADATA.replace("x86_64", "aarch64")).build(Compression.GZIP)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("The image contains more than one metadata.yaml");
    }

    @Test
    void aSplitImageWithASquashfsRootfsIsUnpackedWithShiftedIds() throws Exception {
        io.imgsh.store.E2e.requireTools("mksquashfs", "unsquashfs");
        Path tree = Files.createDirectories(tmp.resolve("tree/etc"));
        Path owned = Files.writeString(tree.resolve("owned"), "u");
        Files.setAttribute(owned, "unix:uid", 1000);
        Files.setAttribute(owned, "unix:mode", 04750);
        Path squashfs = tmp.resolve("rootfs.squashfs");
        Process mk = new ProcessBuilder("mksquashfs", tmp.resolve("tree").toString(), squashfs.toString(),
                "-noappend", "-no-progress", "-quiet").redirectErrorStream(true).start();
        mk.getInputStream().readAllBytes();
        assertThat(mk.waitFor()).isZero();
        Path meta = Files.write(tmp.resolve("meta.tar"), new HostTar().file("metadata.yaml", 0644, 0, METADATA)
                .build(Compression.NONE));
        Path dir = Files.createTempDirectory(tmp, "instance");
        ImageUnpacker.unpack(List.of(meta, squashfs), dir, SHIFT);
        Path rootfs = dir.resolve("rootfs");
        assertThat(rootfs.resolve("etc/owned")).hasContent("u");
        assertThat(attr(rootfs.resolve("etc/owned"), "uid")).isEqualTo(SHIFT + 1000);
        assertThat(attr(rootfs.resolve("etc/owned"), "mode") & 07777).isEqualTo(04750);
        assertThat(attr(rootfs.resolve("etc"), "uid")).isEqualTo(SHIFT);
        assertThat(dir.resolve("metadata.yaml")).hasContent(METADATA.strip());
    }

    private Path unpack(byte[] image) throws Exception {
        Path file = Files.write(Files.createTempFile(tmp, "image", ".tar"), image);
        Path dir = Files.createTempDirectory(tmp, "instance");
        ImageUnpacker.unpack(List.of(file), dir, SHIFT);
        return dir;
    }

    private static int attr(Path p, String name) throws Exception {
        Object value = Files.getAttribute(p, "unix:" + name, LinkOption.NOFOLLOW_LINKS);
        return value instanceof Long l ? (int) (long) l : (Integer) value;
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.toList();
        }
    }
}
