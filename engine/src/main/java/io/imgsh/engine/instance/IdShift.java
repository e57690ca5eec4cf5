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
 * Moves the owners of a rootfs from one id shift to another, as {@code security.privileged} changes: ids in the
 * {@link IdMap#RANGE} above {@code from} go to the same place above {@code to}, others stay. Links are not followed.
 * Shifting an id already shifted leaves it, so a shift cut short can simply be run again.
 */
final class IdShift {
    private static final int SET_ID_BITS = 06000;

    private IdShift() {
    }

    static void shift(Path rootfs, int from, int to) throws IOException {
        if (from == to) {
            return;
        }
        Files.walkFileTree(rootfs, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                shiftOne(dir, from, to);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                shiftOne(file, from, to);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void shiftOne(Path path, int from, int to) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        int uid = (Integer) attributes.get("uid");
        int gid = (Integer) attributes.get("gid");
        int mode = (Integer) attributes.get("mode");
        if (map(uid, from, to) == uid && map(gid, from, to) == gid) {
            return;
        }
        Files.setAttribute(path, "unix:uid", map(uid, from, to), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", map(gid, from, to), LinkOption.NOFOLLOW_LINKS);
        // chown clears setuid and setgid, even for root; only files and directories can carry them
        boolean plain = Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        if ((mode & SET_ID_BITS) != 0 && plain) {
            Files.setAttribute(path, "unix:mode", mode & 07777, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static int map(int id, int from, int to) {
        return id >= from && id < from + IdMap.RANGE ? id - from + to : id;
    }
}
