package io.imgsh.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Another imgsh process holding an instance's lock, as a start under way does: {@code <instances dir> <name>}; prints
 * {@code LOCKED} once it holds it and releases it when its standard input ends. {@link #start} runs it in a child JVM.
 */
public final class InstanceLockHolder {
    /** How long a child may take to answer before the test fails rather than hangs: a guard, not a measure. */
    private static final long GUARD_SECONDS = 120;

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
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), InstanceLockHolder.class.getName(),
                instances.toString(), name).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Child child = new Child(process);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return e.toString();
                }
            }).get(GUARD_SECONDS, TimeUnit.SECONDS)).as("the child holds the lock").isEqualTo("LOCKED");
            return child;
        } catch (Exception | Error e) {
            child.close();
            throw e;
        }
    }

    record Child(Process process) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the lock holder did not end when its input did");
            }
            assertThat(process.exitValue()).as("the lock holder's exit status").isZero();
        }
    }
}
