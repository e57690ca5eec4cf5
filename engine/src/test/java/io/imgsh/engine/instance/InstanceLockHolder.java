package io.imgsh.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.store.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Another imgsh process holding an instance's lock, as a start under way does: {@code <instances dir> <name>}; prints
 * {@code LOCKED} once it holds it and releases it when its standard input ends. {@link #start} runs it in a child JVM.
 */
public final class InstanceLockHolder {
    /** How long a child may take to answer before the test fails rather than hangs: a guard, not a measure. */
    private static final Duration GUARD = Duration.ofSeconds(120);

    private InstanceLockHolder() {
    }

    public static void main(String[] args) throws IOException {
        try (InstanceLocks.Held lock = new InstanceLocks(Path.of(args[0])).lock(args[1])) {
            System.out.println("LOCKED");
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** The child holding {@code name}'s lock in {@code instances}; closing it makes the child release it and end. */
    static Child start(Path instances, String name) throws Exception {
        ChildJvm jvm = ChildJvm.run(InstanceLockHolder.class, instances.toString(), name);
        try {
            jvm.await("LOCKED", GUARD);
            return new Child(jvm);
        } catch (Exception | Error e) {
            jvm.close();
            throw e;
        }
    }

    record Child(ChildJvm jvm) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            assertThat(jvm.endInput(GUARD)).as("the lock holder's exit status").isZero();
        }
    }
}
