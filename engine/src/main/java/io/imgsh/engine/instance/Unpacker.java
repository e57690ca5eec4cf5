package io.imgsh.engine.instance;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.format.EntryNames;
import io.imgsh.engine.format.ImageTarball;
import io.imgsh.engine.format.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Writes the entries of an image tarball (any compression import accepts) to disk as LXD keeps them: owners
 * (shifted by the target's offset), modes with their setuid/setgid/sticky bits, modification times, symbolic and
 * hard links, device nodes, FIFOs and {@code user.*} extended attributes. An image from a remote is untrusted input:
 * an absolute or {@code ..} name, a name that passes through a symbolic link (which could lead anywhere on the host)
 * and a hard link to anything outside the target are refused before anything is written for them.
 */
final class Unpacker {
    private static final String XATTR = "SCHILY.xattr.";
    private static final String USER_XATTR = "user.";

    private final Function<String, UnpackTarget> targets;
    /** Directories known to be real directories (no symbolic link on the way), absolute. */
    private final Set<Path> checked = new HashSet<>();
    /** Directories whose times are set last, once nothing more is written in them. */
    private final List<Map.Entry<Path, FileTime>> directoryTimes = new ArrayList<>();

    /** {@code targets} maps an entry name (without {@code ./}) to where it goes, or null to skip it. */
    Unpacker(Function<String, UnpackTarget> targets) {
        this.targets = targets;
    }

    /** Unpacks the whole tarball {@code raw}, which is left open. */
    void unpack(InputStream raw, String label) throws IOException {
        try (ImageTarball tarball = ImageTarball.open(raw, label)) {
            for (TarArchiveEntry entry; (entry = tarball.next()) != null; ) {
                UnpackTarget target = targets.apply(EntryNames.withoutDotSlash(entry.getName()));
                if (target != null) {
                    write(tarball, entry, target);
                }
            }
            tarball.drain();
        }
        for (int i = directoryTimes.size() - 1; i >= 0; i--) {
            Files.setLastModifiedTime(directoryTimes.get(i).getKey(), directoryTimes.get(i).getValue());
        }
    }

    private void write(ImageTarball tarball, TarArchiveEntry entry, UnpackTarget target) throws IOException {
        String relative = stripSlashes(target.relative());
        Path root = target.root();
        Files.createDirectories(root);
        checked.add(root);
        Path path = relative.isEmpty() ? root : root.resolve(relative);
        if (!relative.isEmpty()) {
            requireRealParents(root, path, entry.getName());
        }
        if (entry.isDirectory()) {
            BasicFileAttributes existing = attributes(path);
            if (existing == null) {
                Files.createDirectory(path);
            } else if (!existing.isDirectory()) {
                Files.delete(path);
                Files.createDirectory(path);
            }
            checked.add(path);
            own(entry, path, target, true);
            directoryTimes.add(Map.entry(path, FileTime.from(entry.getLastModifiedTime().toInstant())));
            return;
        }
        if (relative.isEmpty()) {
            throw unsafe(entry.getName(), "is not a directory but names the root");
        }
        removeExisting(path, entry.getName());
        if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            own(entry, path, target, false);
        } else if (entry.isLink()) {
            Files.createLink(path, linkTarget(entry, target));
        } else if (ImageTarball.isRegularFile(entry)) {
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                tarball.copyContent(out);
            }
            own(entry, path, target, true);
            Files.setLastModifiedTime(path, FileTime.from(entry.getLastModifiedTime().toInstant()));
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            run("mknod", path.toString(), entry.isCharacterDevice() ? "c" : "b",
                    Integer.toString(entry.getDevMajor()), Integer.toString(entry.getDevMinor()));
            own(entry, path, target, true);
        } else if (entry.isFIFO()) {
            run("mkfifo", path.toString());
            own(entry, path, target, true);
        }
    }

    /**
     * Owner, group, mode (after the owner: chown clears setuid) and {@code user.*} attributes of {@code path}; a
     * host-owned one is the host root's, at most 0755, without attributes.
     */
    private static void own(TarArchiveEntry entry, Path path, UnpackTarget target, boolean hasMode)
            throws IOException {
        String name = entry.getName();
        boolean host = target.hostOwned();
        Files.setAttribute(path, "unix:uid", host ? 0 : IdMap.host(entry.getLongUserId(), target.idOffset(), name),
                LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", host ? 0 : IdMap.host(entry.getLongGroupId(), target.idOffset(), name),
                LinkOption.NOFOLLOW_LINKS);
        if (!hasMode) {
            return;
        }
        Files.setAttribute(path, "unix:mode", entry.getMode() & (host ? 0755 : 07777), LinkOption.NOFOLLOW_LINKS);
        if (host) {
            return;
        }
        for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
            String key = header.getKey();
            if (key.startsWith(XATTR + USER_XATTR)) {
                UserDefinedFileAttributeView view = Files.getFileAttributeView(path,
                        UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                view.write(key.substring(XATTR.length() + USER_XATTR.length()),
                        ByteBuffer.wrap(header.getValue().getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
    }

    /** Every directory between {@code root} and {@code path} must be a real one, made when missing. */
    private void requireRealParents(Path root, Path path, String name) throws IOException {
        Path parent = path.getParent();
        if (checked.contains(parent)) {
            return;
        }
        Path dir = root;
        for (Path part : root.relativize(parent)) {
            dir = dir.resolve(part);
            if (checked.contains(dir)) {
                continue;
            }
            BasicFileAttributes attributes = attributes(dir);
            if (attributes == null) {
                Files.createDirectory(dir);
            } else if (attributes.isSymbolicLink()) {
                throw unsafe(name, "passes through the symbolic link " + root.relativize(dir));
            } else if (!attributes.isDirectory()) {
                throw unsafe(name, "passes through " + root.relativize(dir) + ", which is not a directory");
            }
            checked.add(dir);
        }
    }

    /** A hard link's target: a name of the same tree, reached without a symbolic link, that exists already. */
    private Path linkTarget(TarArchiveEntry entry, UnpackTarget target) throws IOException {
        String name = entry.getLinkName();
        UnpackTarget linked = EntryNames.isUnsafe(name) ? null : targets.apply(EntryNames.withoutDotSlash(name));
        if (linked == null || !linked.root().equals(target.root()) || stripSlashes(linked.relative()).isEmpty()) {
            throw unsafe(entry.getName(), "is a hard link to " + Messages.printable(name) + ", outside the image's "
                    + "files");
        }
        Path existing = linked.root().resolve(stripSlashes(linked.relative()));
        requireRealParents(linked.root(), existing, entry.getName());
        BasicFileAttributes attributes = attributes(existing);
        if (attributes == null || attributes.isDirectory()) {
            throw new InvalidInputException("Invalid hard link in image tarball: " + Messages.printable(entry.getName())
                    + " links to " + Messages.printable(name) + ", which is not a file that comes before it");
        }
        return existing;
    }

    /** A later entry replaces an earlier file of the same name, as tar does; a directory is not replaced. */
    private void removeExisting(Path path, String name) throws IOException {
        BasicFileAttributes existing = attributes(path);
        if (existing == null) {
            return;
        }
        if (existing.isDirectory()) {
            throw new InvalidInputException("Invalid image tarball: " + Messages.printable(name)
                    + " would replace a directory");
        }
        Files.delete(path);
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    private static String stripSlashes(String name) {
        String s = name;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.equals(".") ? "" : s;
    }

    private static InvalidInputException unsafe(String name, String why) {
        return new InvalidInputException("Unsafe path in image tarball: " + Messages.printable(name) + " " + why);
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (process.waitFor() != 0) {
                throw new EngineException(command[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(command[0] + " interrupted");
        }
    }
}
