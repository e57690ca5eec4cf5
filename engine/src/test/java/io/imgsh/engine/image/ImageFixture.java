package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.Engine;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.TarBuilder;
import io.imgsh.engine.remote.Tls;
import io.imgsh.store.EventRecord;
import io.imgsh.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A real store in a temporary home, a mutable clock, and real image files built on disk. */
public final class ImageFixture implements AutoCloseable {
    public static final Instant START = Instant.parse("2026-11-27T02:23:00Z");
    public static final Instant CREATED = Instant.ofEpochSecond(1_700_000_000L);

    public final Path files;
    public final Path home;
    public final MutableClock clock = new MutableClock(START);
    public final Engine engine;

    public ImageFixture(Path tempDir) {
        this(tempDir, new Tls());
    }

    /** A fixture whose engine's remotes trust {@code tls} (the "system" trust store of a test). */
    public ImageFixture(Path tempDir, Tls tls) {
        try {
            this.files = Files.createDirectories(tempDir.resolve("files"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.home = tempDir.resolve("home");
        this.engine = Engine.open(home, clock, tls);
    }

    public StoreImages images() {
        return engine.images();
    }

    @Override
    public void close() {
        engine.close();
    }

    // ---- image content --------------------------------------------------------------------------------------

    /** metadata.yaml as the shared fixture script writes it, with the given description and release. */
    public static String metadata(String description, String release) {
        return TarBuilder.metadata(description, release);
    }

    public static String metadata(String description) {
        return metadata(description, "1.0");
    }

    /** A unified container image: metadata.yaml, templates/, rootfs/. */
    public static TarBuilder unifiedTar(String metadataYaml) {
        return TarBuilder.containerImage("", metadataYaml);
    }

    /** The metadata tarball of a split image: metadata.yaml and templates/. */
    public static TarBuilder metaTar(String metadataYaml) {
        return new TarBuilder()
                .file("metadata.yaml", metadataYaml)
                .dir("templates/")
                .file("templates/hostname.tpl", "{{ container.name }}\n");
    }

    /** The rootfs tarball of a split image: the filesystem root at the top. */
    public static TarBuilder rootfsTar() {
        return new TarBuilder()
                .dir("./")
                .dir("./etc/")
                .file("./etc/hostname", "imgsh-split\n")
                .file("./etc/imgsh-flavour", "split\n");
    }

    /** Bytes that start with the squashfs magic; never decompressed by an import. */
    public static byte[] squashfs() {
        byte[] bytes = TarBuilder.random(4096);
        bytes[0] = 'h';
        bytes[1] = 's';
        bytes[2] = 'q';
        bytes[3] = 's';
        return bytes;
    }

    /** Bytes that start with the qcow2 magic. */
    public static byte[] qcow2() {
        byte[] bytes = TarBuilder.random(4096);
        bytes[0] = 'Q';
        bytes[1] = 'F';
        bytes[2] = 'I';
        bytes[3] = (byte) 0xfb;
        return bytes;
    }

    public Path file(String name, byte[] content) {
        try {
            Path file = files.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path unifiedFile(String name, Compression kind, String description) {
        return file(name, unifiedTar(metadata(description)).build(kind));
    }

    // ---- imports --------------------------------------------------------------------------------------------

    public ImportResult importFile(Path file, String... aliases) {
        return images().importImage(new ImportRequest(file, null, List.of(aliases), false, Map.of()));
    }

    public ImportResult importSplit(Path meta, Path rootfs, String... aliases) {
        return images().importImage(new ImportRequest(meta, rootfs, List.of(aliases), false, Map.of()));
    }

    /** Imports a unified xz image whose description makes it distinct; returns its fingerprint. */
    public String importDistinct(String description, String... aliases) {
        Path file = unifiedFile(description.replaceAll("[^A-Za-z0-9._-]", "_") + ".tar.xz", Compression.XZ,
                description);
        return importFile(file, aliases).fingerprint();
    }

    // ---- observing the store --------------------------------------------------------------------------------

    /** The whole event log, read through a second store opened on the same home (as another process would). */
    public List<EventRecord> events() {
        try (Store store = Store.open(home)) {
            return store.read(tx -> tx.events().since(0));
        }
    }

    /** Events after {@code afterId} as "action source context" lines. */
    public List<String> eventLines(long afterId) {
        return events().stream().filter(e -> e.id() > afterId)
                .map(e -> e.action() + " " + e.source() + " " + e.context()).toList();
    }

    public long lastEventId() {
        List<EventRecord> all = events();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).id();
    }

    public Path imagesDir() {
        return home.resolve("images");
    }

    public Path tmpDir() {
        return home.resolve("tmp");
    }

    /** Everything an import must not change when it fails. */
    public Snapshot snapshot() {
        return new Snapshot(images().list(), images().aliases(List.of()), fileStates(imagesDir()),
                listing(tmpDir()), events());
    }

    public record FileState(long size, FileTime modified, String sha256) {
    }

    public record Snapshot(List<Image> images, List<AliasEntry> aliases, Map<String, FileState> imageFiles,
                           List<String> tmpFiles, List<EventRecord> events) {
    }

    public void assertUnchanged(Snapshot before) {
        Snapshot after = snapshot();
        assertThat(after.images()).as("images").isEqualTo(before.images());
        assertThat(after.aliases()).as("aliases").isEqualTo(before.aliases());
        assertThat(after.imageFiles()).as("images/ directory").isEqualTo(before.imageFiles());
        assertThat(after.tmpFiles()).as("tmp/ directory").isEmpty();
        assertThat(after.events()).as("event log").isEqualTo(before.events());
    }

    public static Map<String, FileState> fileStates(Path dir) {
        Map<String, FileState> out = new TreeMap<>();
        for (String name : listing(dir)) {
            Path f = dir.resolve(name);
            try {
                out.put(name, new FileState(Files.size(f), Files.getLastModifiedTime(f), sha256(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public static List<String> listing(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of the files' bytes one after the other, streamed, lowercase hex. */
    public static String sha256(Path... files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Arrays.stream(parts).forEach(digest::update);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line, not blank: what the shell prints after "Error: ". */
    public static void assertOneLine(Throwable e) {
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
    }
}
