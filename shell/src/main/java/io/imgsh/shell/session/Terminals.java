package io.imgsh.shell.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The terminals of this process: whether a standard stream is one, and what opening one with JLine leaves. */
public final class Terminals {
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;

    private Terminals() {
    }

    /**
     * Whether opening a JLine terminal may unpack JLine's native library into a temporary file that the JVM deletes
     * when it exits: unless the library is at hand ({@code library.jline.path}, as the launcher sets it).
     */
    public static boolean deletesFilesAtExit() {
        return System.getProperty("library.jline.path") == null;
    }

    public static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }
}
