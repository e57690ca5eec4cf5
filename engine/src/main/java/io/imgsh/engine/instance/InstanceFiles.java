package io.imgsh.engine.instance;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.format.ImageMetadata;
import io.imgsh.engine.format.MetadataReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The layout of {@code instances/} (LXC's path: each {@code <name>/} holds LXC's {@code config}, {@code rootfs/},
 * {@code instance.json}, the image's {@code metadata.yaml} and {@code templates/}, and {@code lxc.log}). An instance
 * being made lives in {@code .<name>.new/} until it is whole, so a failed one leaves nothing behind.
 */
final class InstanceFiles {
    static final String ROOTFS = "rootfs";
    static final String METADATA = "metadata.yaml";
    static final String TEMPLATES = "templates";
    static final String SNAPSHOTS = "snapshots";
    static final String RECORD = "instance.json";
    private static final String CONFIG = "config";
    private static final String LOG = "lxc.log";

    private final Path root;
    private final ObjectMapper json = new ObjectMapper().registerModule(new SimpleModule()
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new FromStringDeserializer<>(Instant.class) {
                        @Override
                        protected Instant _deserialize(String value, DeserializationContext context) {
                            return Instant.parse(value);
                        }
                    }))
            .enable(SerializationFeature.INDENT_OUTPUT);

    InstanceFiles(Path root) {
        this.root = root;
    }

    Path dir(String name) {
        return root.resolve(name);
    }

    Path rootfs(String name) {
        return dir(name).resolve(ROOTFS);
    }

    Path log(String name) {
        return dir(name).resolve(LOG);
    }

    Path snapshot(String name, String snapshot) {
        return dir(name).resolve(SNAPSHOTS).resolve(snapshot);
    }

    /** The snapshots of an instance, sorted. */
    List<String> snapshots(String name) {
        Path dir = dir(name).resolve(SNAPSHOTS);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dir)) {
            for (Path d : dirs) {
                if (Files.exists(d.resolve(RECORD))) {
                    names.add(d.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new EngineException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        return new ArrayList<>(names);
    }

    boolean exists(String name) {
        return Files.exists(dir(name).resolve(RECORD));
    }

    /** The names of the instances, sorted. */
    List<String> names() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                if (Files.exists(d.resolve(RECORD))) {
                    names.add(d.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new EngineException("Cannot list " + root + ": " + e.getMessage(), e);
        }
        return new ArrayList<>(names);
    }

    Instance read(String name) {
        if (!InstanceNames.isValid(name) || !exists(name)) {
            throw new NotFoundException("Instance not found");
        }
        return readAt(dir(name));
    }

    /** The record kept in {@code dir}: an instance's or a snapshot's (its config when it was taken). */
    Instance readAt(Path dir) {
        Path file = dir.resolve(RECORD);
        try {
            return json.readValue(file.toFile(), Instance.class);
        } catch (IOException e) {
            throw new EngineException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the record and LXC's config (whose rootfs is the final one) into {@code dir}. */
    void write(Path dir, Instance instance) throws IOException {
        Path tmp = dir.resolve(RECORD + ".tmp");
        json.writeValue(tmp.toFile(), instance);
        Files.move(tmp, dir.resolve(RECORD), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve(CONFIG), LxcConfig.of(instance, rootfs(instance.name()), log(instance.name())));
    }

    void update(Instance instance) {
        try {
            write(dir(instance.name()), instance);
        } catch (IOException e) {
            throw new EngineException("Cannot write " + dir(instance.name()) + ": " + e.getMessage(), e);
        }
    }

    /**
     * A fresh directory for the instance {@code name} being made. {@code instances/} is searchable by everyone (but
     * not listable): an unprivileged instance's root, a host id of its own, must reach its rootfs.
     */
    Path staging(String name) throws IOException {
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        Path staging = root.resolve("." + name + ".new");
        if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
            deleteTree(staging);
        }
        Files.createDirectory(staging);
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwx--x--x"));
        return staging;
    }

    /** {@code content}, read whole into a new file of {@code instances/} (0600) for the caller to delete. */
    Path spool(InputStream content) throws IOException {
        Path file = Files.createTempFile(root, ".push-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException left) {
                e.addSuppressed(left);
            }
            throw e;
        }
    }

    /** Gives the staged instance its name. */
    void commit(Path staging, String name) throws IOException {
        Files.move(staging, dir(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes a directory tree without following symbolic links. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The metadata.yaml kept in the instance directory {@code dir}, read no further than the size allowed. */
    static ImageMetadata metadata(Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(METADATA), LinkOption.NOFOLLOW_LINKS)) {
            return MetadataReader.parse(in.readNBytes(MetadataReader.MAX_METADATA_BYTES + 1));
        }
    }
}
