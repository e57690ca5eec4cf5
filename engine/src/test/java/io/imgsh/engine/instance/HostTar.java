package io.imgsh.engine.instance;

import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.TarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Real tarballs with what {@link TarBuilder} leaves out: owners, modes, device nodes and extended attributes. With
 * {@link #busyboxImage}, the smallest image that boots: a static busybox as /sbin/init and the commands tests run.
 */
public final class HostTar {
    public static final Path BUSYBOX = Path.of("/bin/busybox");
    /** The metadata.yaml of the busybox test image: an /etc/hostname template on create and copy. */
    public static final String BUSYBOX_METADATA = """
            architecture: x86_64
            creation_date: 1700000000
            properties:
              os: busybox
              description: busybox test image
            templates:
              /etc/hostname:
                when:
                - create
                - copy
                template: hostname.tpl
            """;
    private static final Date TIME = new Date(1_700_000_000_000L);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    HostTar() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    HostTar dir(String name, int mode) {
        return add(entry(name, TarConstants.LF_DIR, mode, 0), new byte[0]);
    }

    HostTar file(String name, int mode, int uid, String content) {
        return add(entry(name, TarConstants.LF_NORMAL, mode, uid), content.getBytes(StandardCharsets.UTF_8));
    }

    HostTar file(String name, int mode, byte[] content) {
        return add(entry(name, TarConstants.LF_NORMAL, mode, 0), content);
    }

    HostTar symlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0777, 0);
        e.setLinkName(target);
        return add(e, new byte[0]);
    }

    HostTar hardlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_LINK, 0644, 0);
        e.setLinkName(target);
        return add(e, new byte[0]);
    }

    HostTar charDevice(String name, int major, int minor) {
        TarArchiveEntry e = entry(name, TarConstants.LF_CHR, 0666, 0);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return add(e, new byte[0]);
    }

    HostTar xattrFile(String name, String xattr, String value, String content) {
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, 0644, 0);
        e.addPaxHeader("SCHILY.xattr." + xattr, value);
        return add(e, content.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] build(Compression kind) {
        try {
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TarBuilder.compress(bytes.toByteArray(), kind);
    }

    /**
     * A unified image of busybox under {@code prefix} (rootfs/ for a unified one), with metadata.yaml and the
     * templates of {@code metadataYaml} (files {@code templates/*.tpl} given as name, content pairs).
     */
    public static HostTar busyboxImage(String metadataYaml, String... templates) {
        HostTar t = new HostTar().file("metadata.yaml", 0644, 0, metadataYaml).dir("templates/", 0755);
        for (int i = 0; i < templates.length; i += 2) {
            t.file("templates/" + templates[i], 0644, 0, templates[i + 1]);
        }
        t.dir("rootfs/", 0755);
        for (String d : new String[] {"bin", "sbin", "etc", "dev", "proc", "sys", "tmp", "root"}) {
            t.dir("rootfs/" + d + "/", d.equals("tmp") ? 01777 : 0755);
        }
        try {
            t.file("rootfs/bin/busybox", 0755, Files.readAllBytes(BUSYBOX));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String cmd : new String[] {"sh", "cat", "echo", "hostname", "sleep", "id", "ls", "stat", "touch"}) {
            t.symlink("rootfs/bin/" + cmd, "busybox");
        }
        t.symlink("rootfs/sbin/init", "/bin/busybox");
        t.file("rootfs/etc/hostname", 0644, 0, "busybox\n");
        return t;
    }

    private HostTar add(TarArchiveEntry e, byte[] content) {
        try {
            e.setSize(content.length);
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    private static TarArchiveEntry entry(String name, byte type, int mode, int uid) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setMode(mode);
        e.setUserId(uid);
        e.setGroupId(uid);
        e.setModTime(TIME);
        return e;
    }
}
