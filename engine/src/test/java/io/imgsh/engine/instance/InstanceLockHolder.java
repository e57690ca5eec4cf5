package io.imgsh.engine.instance;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Another imgsh process holding an instance's lock, as a start under way does: {@code <instances dir> <name>}; prints
 * {@code LOCKED} once it holds it and releases it when its standard input ends.
 */
public final class InstanceLockHolder {
    private InstanceLockHolder() {
    }

    public static void main(String[] args) throws IOException {
        try (InstanceLocks.Held lock = new InstanceLocks(Path.of(args[0])).lock(args[1])) {
            System.out.println("LOCKED");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
