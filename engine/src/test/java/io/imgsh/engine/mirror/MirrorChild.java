package io.imgsh.engine.mirror;

import io.imgsh.engine.Engine;
import io.imgsh.engine.image.Progress;
import java.nio.file.Path;
import java.time.Clock;

/**
 * One {@code image mirror REMOTE:} in a JVM of its own, as another imgsh run would do it: {@code HOME REMOTE}. Prints
 * {@code MIRRORING} before it starts and {@code DONE} with the report when it ends (a test kills it before that).
 */
public final class MirrorChild {
    private MirrorChild() {
    }

    public static void main(String[] args) {
        try (Engine engine = Engine.open(Path.of(args[0]), Clock.systemUTC())) {
            System.out.println("MIRRORING");
            System.out.println("DONE " + engine.mirrors().mirror(args[1], null, null, null, Progress.NONE));
        }
    }
}
