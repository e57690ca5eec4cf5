package io.imgsh.shell;

import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.TarBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Real image files (built with the engine's {@link TarBuilder}) written into a test directory. */
public final class TestImages {
    private final Path dir;

    public TestImages(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** A valid x86_64 metadata.yaml (with the hostname template) with this description and release. */
    public static String metadata(String description, String release) {
        return TarBuilder.metadata(description, release);
    }

    /** The engine's standard container image (description "ImgshTest 1.0 unified") with this compression. */
    public Path unified(String name, Compression compression) {
        return write(name, TarBuilder.containerImage("").build(compression));
    }

    /** A unified container image whose metadata.yaml is {@code yaml}. */
    public Path unified(String name, String yaml, Compression compression) {
        return write(name, unifiedTar(yaml).build(compression));
    }

    public static TarBuilder unifiedTar(String yaml) {
        return new TarBuilder()
                .file("metadata.yaml", yaml)
                .dir("templates/")
                .file("templates/hostname.tpl", "{{ container.name }}\n")
                .dir("rootfs/")
                .dir("rootfs/etc/")
                .file("rootfs/etc/hostname", "imgsh-test\n");
    }

    /** The metadata tarball of a split image (metadata.yaml + templates/hostname.tpl), xz. */
    public Path splitMeta(String name, String yaml) {
        return write(name, new TarBuilder()
                .file("metadata.yaml", yaml)
                .dir("templates/")
                .file("templates/hostname.tpl", "{{ container.name }}\n")
                .build(Compression.XZ));
    }

    /** The rootfs tarball of a split image (contents at the top, as {@code ./…}), xz. */
    public Path splitRootfs(String name) {
        return write(name, new TarBuilder()
                .dir("./")
                .dir("./etc/")
                .file("./etc/hostname", "imgsh-test\n")
                .file("./etc/imgsh-flavour", "split\n")
                .build(Compression.XZ));
    }

    public Path write(String name, byte[] bytes) {
        try {
            Path file = dir.resolve(name);
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path write(String name, String text) {
        return write(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** SHA-256 of the files' bytes one after the other: LXD's fingerprint of a (split) image. */
    public static String sha256(Path... files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                digest.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
