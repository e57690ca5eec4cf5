package io.imgsh.engine.instance;

import io.imgsh.store.E2e;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What instance tests need of the host: root (to own files as shifted ids), and for running ones LXC. */
public final class Root {
    private Root() {
    }

    public static void require() {
        E2e.require(isRoot(), "instances need root (files owned by shifted ids, LXC)");
    }

    /** Root, LXC's tools and a static busybox to make a bootable image of. */
    public static void requireLxc() {
        require();
        E2e.requireTools("lxc-start", "lxc-attach", "lxc-stop", "lxc-info", "lxc-freeze");
        E2e.require(Files.isExecutable(HostTar.BUSYBOX),
                HostTar.BUSYBOX + " is missing (apt-get install busybox-static)");
    }

    private static boolean isRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
