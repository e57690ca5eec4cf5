package io.imgsh.engine.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The process's file mode creation mask, which Java has no call for: Linux reports it in {@code /proc/self/status}.
 * Needed only where a file was made by someone else with a fixed mode and must end up as one the process created.
 */
final class Umask {
    private static final int NEW_FILE = 0666;

    private Umask() {
    }

    /** The permissions a regular file the process creates gets: rw-rw-rw- less the umask. */
    static Set<PosixFilePermission> newFilePermissions() throws IOException {
        String status = Files.readString(Path.of("/proc/self/status"));
        String line = status.lines().filter(l -> l.startsWith("Umask:")).findFirst()
                .orElseThrow(() -> new IOException("the umask is unknown: /proc/self/status has no Umask line"));
        int mode = NEW_FILE & ~Integer.parseInt(line.substring("Umask:".length()).strip(), 8);
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ (0400) … OTHERS_EXECUTE (0001)
        for (int i = 0; i < all.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(all[i]);
            }
        }
        return permissions;
    }
}
