package io.imgsh.engine.instance;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * Moves the owners of a rootfs to other ids, links not followed, keeping setuid and setgid bits (which chown clears).
 * {@link #shift(Path, int, int)} moves them as {@code security.privileged} changes: ids in the {@link IdMap#RANGE}
 * above {@code from} go to the same place above {@code to}, others stay; shifting an id already shifted leaves it, so
 * a shift cut short can simply be run again.
 */
final class IdShift {
    private static final int SET_ID_BITS = 06000;

    /** The new id of a file's owner or group {@code id} (read unsigned); {@code path} names the file inside. */
    interface Mapping {
        int map(long id, String path);
    }

    private IdShift() {
    }

    static void shift(Path rootfs, int from, int to) throws IOException {
        if (from != to) {
            shift(rootfs, (id, path) -> id >= from && id < from + IdMap.RANGE ? (int) id - from + to : (int) id);
        }
    }

    static void shift(Path rootfs, Mapping mapping) throws IOException {
        Files.walkFileTree(rootfs, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                shiftOne(rootfs, dir, mapping);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                shiftOne(rootfs, file, mapping);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void shiftOne(Path rootfs, Path path, Mapping mapping) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        int uid = (Integer) attributes.get("uid");
        int gid = (Integer) attributes.get("gid");
        int mode = (Integer) attributes.get("mode");
        String name = "/" + rootfs.relativize(path);
        int newUid = mapping.map(Integer.toUnsignedLong(uid), name);
        int newGid = mapping.map(Integer.toUnsignedLong(gid), name);
        if (newUid == uid && newGid == gid) {
            return;
        }
        Files.setAttribute(path, "unix:uid", newUid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", newGid, LinkOption.NOFOLLOW_LINKS);
        // chown clears setuid and setgid, even for root; only files and directories can carry them
        boolean plain = Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        if ((mode & SET_ID_BITS) != 0 && plain) {
            Files.setAttribute(path, "unix:mode", mode & 07777, LinkOption.NOFOLLOW_LINKS);
        }
    }
}
