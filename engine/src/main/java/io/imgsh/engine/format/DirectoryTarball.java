package io.imgsh.engine.format;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.store.BlockInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.io.function.IOSupplier;

/**
 * An image directory ({@code metadata.yaml}, {@code rootfs/}, optionally {@code templates/}) as the unified image
 * {@code lxc image import DIR} makes of it: a POSIX tar of those three with numeric owners, compressed with xz at its
 * default preset. The tarball is made as it is read, a bounded piece at a time, so a directory of any size streams
 * through an ingest without being held in memory or written anywhere first.
 *
 * <p>Unlike {@code lxc}, which runs {@code tar rootfs templates metadata.yaml}, metadata.yaml comes first, so that
 * an import reads and checks it before compressing the rootfs, and each directory's entries are sorted by name, so
 * that the same tree always packs to the same bytes and fingerprint. Symbolic links are packed as links and never
 * followed; one whose target leads outside the image directory (resolved from where the link sits, an absolute
 * target inside rootfs/ from rootfs/, as it is a path in the container) is refused. Hard links are packed as tar
 * links, devices and FIFOs as such, sockets are left out (as tar does), extended attributes are not kept.
 */
public final class DirectoryTarball extends BlockInputStream {
    private static final String METADATA = "metadata.yaml";
    private static final String ROOTFS = "rootfs";
    private static final String TEMPLATES = "templates";
    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,ino,dev,nlink,rdev";
    private static final int CHUNK = 64 * 1024;
    private static final int TYPE = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;
    private static final int SYMLINK = 0120000;
    private static final int CHAR_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int FIFO = 0010000;

    private final Path root;
    private final int idOffset;
    private final byte[] metadata;
    /** Directories being walked, innermost first; each iterator yields its remaining entries in name order. */
    private final Deque<Iterator<Path>> walk = new ArrayDeque<>();
    /** The first name packed for each (device, inode) of a file with several links. */
    private final Map<List<Object>, String> linked = new HashMap<>();
    /** What the compressor has written and {@link #read} not yet handed out. */
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(2 * CHUNK);
    private final TarArchiveOutputStream tar;
    private final byte[] chunk = new byte[CHUNK];
    private InputStream content;
    private Path contentPath;
    private long remaining;
    private byte[] pending = new byte[0];
    private int position;
    private boolean finished;

    private DirectoryTarball(Path root, Compression compression, int idOffset, byte[] metadata) throws IOException {
        this.root = root;
        this.idOffset = idOffset;
        this.metadata = metadata;
        this.tar = new TarArchiveOutputStream(compression.compress(compressed), StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        List<Path> top = Stream.of(METADATA, TEMPLATES, ROOTFS).map(root::resolve)
                .filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                        || metadata != null && p.getFileName().toString().equals(METADATA)).toList();
        walk.push(top.iterator());
    }

    /** The tarball of the image directory {@code dir}; fails at once when it lacks metadata.yaml or rootfs/. */
    public static DirectoryTarball of(Path dir) throws IOException {
        Path root = dir.toRealPath();
        for (String required : List.of(METADATA, ROOTFS)) {
            if (!Files.exists(root.resolve(required), LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException("The image directory " + Messages.printable(dir.toString())
                        + " has no " + required + (required.equals(ROOTFS) ? "/" : ""));
            }
        }
        return new DirectoryTarball(root, Compression.XZ, 0, null);
    }

    /**
     * The image {@code lxc publish} makes of an instance directory ({@code rootfs/}, {@code templates/}): compressed
     * as {@code compression} says, with {@code metadata} as its metadata.yaml, and the ids of the rootfs's files
     * lowered by {@code idOffset} (the shift of an unprivileged instance), so that the image holds the ids the
     * instance sees.
     */
    public static DirectoryTarball ofInstance(Path dir, Compression compression, int idOffset, byte[] metadata)
            throws IOException {
        Path root = dir.toRealPath();
        if (!Files.isDirectory(root.resolve(ROOTFS), LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("The instance directory " + Messages.printable(dir.toString())
                    + " has no rootfs/");
        }
        return new DirectoryTarball(root, compression, idOffset, metadata.clone());
    }


    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (position == pending.length) {
            if (compressed.size() > 0) {
                pending = compressed.toByteArray();
                compressed.reset();
                position = 0;
            } else if (finished) {
                return -1;
            } else {
                step();
            }
        }
        int n = Math.min(len, pending.length - position);
        System.arraycopy(pending, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        finished = true;
        if (content != null) {
            content.close();
        }
    }

    /** Packs the next piece: a chunk of the current file, or the next entry, or the end of the archive. */
    private void step() throws IOException {
        if (content != null) {
            int n = content.read(chunk, 0, (int) Math.min(chunk.length, remaining));
            if (n < 0) {
                throw new InvalidInputException(Messages.printable(contentPath.toString())
                        + " shrank while it was being packed");
            }
            tar.write(chunk, 0, n);
            remaining -= n;
            if (remaining == 0) {
                content.close();
                content = null;
                tar.closeArchiveEntry();
            }
            return;
        }
        while (!walk.isEmpty() && !walk.peek().hasNext()) {
            walk.pop();
        }
        if (walk.isEmpty()) {
            tar.close();
            finished = true;
            return;
        }
        add(walk.peek().next());
    }

    private void add(Path path) throws IOException {
        String name = root.relativize(path).toString();
        if (metadata != null && name.equals(METADATA)) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
            entry.setSize(metadata.length);
            entry.setMode(0644);
            entry.setUserName("");
            entry.setGroupName("");
            tar.putArchiveEntry(entry);
            content = new ByteArrayInputStream(metadata);
            contentPath = path;
            remaining = metadata.length;
            return;
        }
        Map<String, Object> attributes = guard(path, () -> Files.readAttributes(path, ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS));
        int mode = (Integer) attributes.get("mode");
        TarArchiveEntry entry;
        switch (mode & TYPE) {
            case DIRECTORY -> {
                entry = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
                try (Stream<Path> children = guard(path, () -> Files.list(path))) {
                    walk.push(children.sorted().toList().iterator());
                }
            }
            case REGULAR -> {
                List<Object> inode = List.of(attributes.get("dev"), attributes.get("ino"));
                String first = (Integer) attributes.get("nlink") > 1 ? linked.putIfAbsent(inode, name) : null;
                if (first != null) {
                    entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
                    entry.setLinkName(first);
                } else {
                    entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
                    entry.setSize((Long) attributes.get("size"));
                }
            }
            case SYMLINK -> {
                Path target = guard(path, () -> Files.readSymbolicLink(path));
                if (escapes(Path.of(name), target)) {
                    throw new InvalidInputException("The symlink " + Messages.printable(path.toString())
                            + " leads outside the image directory: " + Messages.printable(target.toString()));
                }
                entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                entry.setLinkName(target.toString());
            }
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                entry = new TarArchiveEntry(name,
                        (mode & TYPE) == CHAR_DEVICE ? TarConstants.LF_CHR : TarConstants.LF_BLK);
                long device = (Long) attributes.get("rdev");
                entry.setDevMajor((int) (((device >>> 8) & 0xfff) | ((device >>> 32) & ~0xfffL)));
                entry.setDevMinor((int) ((device & 0xff) | ((device >>> 12) & ~0xffL)));
            }
            case FIFO -> entry = new TarArchiveEntry(name, TarConstants.LF_FIFO);
            default -> {
                return; // a socket: tar leaves it out too
            }
        }
        entry.setMode(mode & 07777);
        entry.setUserId(unshifted((Integer) attributes.get("uid")));
        entry.setGroupId(unshifted((Integer) attributes.get("gid")));
        entry.setUserName("");
        entry.setGroupName("");
        entry.setLastModifiedTime((FileTime) attributes.get("lastModifiedTime"));
        tar.putArchiveEntry(entry);
        if (entry.getSize() > 0) {
            content = guard(path, () -> Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS));
            contentPath = path;
            remaining = entry.getSize();
        } else {
            tar.closeArchiveEntry();
        }
    }

    /** An id as the instance sees it; one outside its range (written from the host) is kept as it is. */
    private int unshifted(int id) {
        return id >= idOffset ? id - idOffset : id;
    }

    /**
     * Whether a link at {@code link} (relative to the image directory) to {@code target} leads outside the image
     * directory, judged by its name alone: an absolute target inside rootfs/ is a path in the container.
     */
    static boolean escapes(Path link, Path target) {
        Path resolved;
        if (target.isAbsolute()) {
            if (link.getNameCount() < 2 || !link.startsWith(ROOTFS)) {
                return true;
            }
            resolved = Path.of(ROOTFS, target.toString());
        } else {
            Path parent = link.getParent();
            resolved = parent == null ? target : parent.resolve(target);
        }
        return resolved.normalize().startsWith("..");
    }

    /** Reading the directory: a file that cannot be read is the user's error, told in one line. */
    private static <T> T guard(Path path, IOSupplier<T> call) throws IOException {
        try {
            return call.get();
        } catch (AccessDeniedException e) {
            throw new InvalidInputException("open " + Messages.printable(path.toString()) + ": permission denied");
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(Messages.printable(path.toString())
                    + " disappeared while it was being packed");
        }
    }
}
