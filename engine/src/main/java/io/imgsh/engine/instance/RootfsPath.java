package io.imgsh.engine.instance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A path inside an instance, resolved on the host as the instance would resolve it: symbolic links are followed
 * with the rootfs as {@code /}, so that neither an absolute link nor {@code ..} ever leads outside it.
 */
final class RootfsPath {
    private static final int MAX_LINKS = 40;

    private RootfsPath() {
    }

    /**
     * The host path of {@code path} (absolute, as seen inside) under {@code rootfs}, its links followed, the last
     * one too when {@code followLast}. A name that does not exist resolves as it is written.
     */
    static Path resolve(Path rootfs, String path, boolean followLast) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, path);
        Deque<String> done = new ArrayDeque<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                done.pollLast();
                continue;
            }
            Path host = host(rootfs, done).resolve(part);
            if ((followLast || !todo.isEmpty()) && Files.isSymbolicLink(host)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many levels of symbolic links in " + path);
                }
                String target = Files.readSymbolicLink(host).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(todo, target);
            } else {
                done.addLast(part);
            }
        }
        return host(rootfs, done);
    }

    /** Whether {@code path} inside exists (its links followed) as a regular file. */
    static boolean isFile(Path rootfs, String path) throws IOException {
        return Files.isRegularFile(resolve(rootfs, path, true), LinkOption.NOFOLLOW_LINKS);
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    private static Path host(Path rootfs, Deque<String> parts) {
        Path p = rootfs;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }
}
