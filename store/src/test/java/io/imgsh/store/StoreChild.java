package io.imgsh.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The main class of the child JVMs of the crash and multi-process tests. It talks to the parent through
 * lines on standard output; any failure is printed to standard error and ends it with exit status 1.
 *
 * <pre>
 * open    HOME [GO]                 Store.open (and so a sweep), then exit; with GO, print READY and wait
 *                                   for the file GO to exist first
 * ingest  HOME MEGABYTES STAGE      ingest a generated stream; STAGE says where to stop:
 *           copy       after a quarter of the bytes, with the part locked: print COPYING, block
 *           published  inside the write transaction, after publish and insert: print PUBLISHED fp, block
 *           committed  after the commit: print COMMITTED fp, block
 *           run        print DONE fp and exit
 * delete  HOME FP                   delete the image's row; after the commit, before its files go: print DELETED,
 *                                   block
 * writer  HOME PREFIX COUNT         print STARTED, wait for HOME/go, then write COUNT small images with one
 *                                   alias each, one transaction apiece
 * </pre>
 */
public final class StoreChild {
    private StoreChild() {
    }

    public static void main(String[] args) {
        try {
            Path home = Path.of(args[1]);
            switch (args[0]) {
                case "open" -> {
                    if (args.length > 2) {
                        say("READY");
                        awaitFile(Path.of(args[2]));
                    }
                    Store.open(home).close();
                    say("OPENED");
                }
                case "ingest" -> ingest(home, Long.parseLong(args[2]) << 20, args[3]);
                case "delete" -> delete(home, args[2]);
                case "writer" -> {
                    try (Store store = Store.open(home)) {
                        say("STARTED");
                        awaitFile(home.resolve("go"));
                        writeImages(store, args[2], Integer.parseInt(args[3]));
                        say("DONE");
                    }
                }
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }

    private static void ingest(Path home, long size, String stage) throws Exception {
        Store store = Store.open(home);
        Ingest ingest = store.ingest();
        say("STARTED");
        long pauseAt = stage.equals("copy") ? size / 4 : -1;
        ingest.drain(new Generated(size, pauseAt));
        String fp = ingest.finish();
        store.write((Tx tx) -> {
            store.publish(tx, ingest);
            tx.images().insert(record(ingest, fp));
            tx.events().append(Instant.now(), "image-created", "/1.0/images/" + fp, "{}");
            if (stage.equals("published")) {
                say("PUBLISHED " + fp);
                blockForever();
            }
            return null;
        });
        if (stage.equals("committed")) {
            say("COMMITTED " + fp);
            blockForever();
        }
        ingest.close();
        store.close();
        say("DONE " + fp);
    }

    private static void delete(Path home, String fp) {
        Store store = Store.open(home);
        store.write((Tx tx) -> {
            tx.images().delete(fp);
            tx.onCommit(() -> {
                say("DELETED");
                blockForever();
            });
            store.deleteFilesAfterCommit(tx, fp);
            return null;
        });
    }

    /** Writes {@code count} images named after {@code prefix}; each in its own transaction with its events. */
    static void writeImages(Store store, String prefix, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + i;
            try (Ingest ingest = store.ingest()) {
                ingest.drain(new ByteArrayInputStream(("image " + name).repeat(50).getBytes(StandardCharsets.UTF_8)));
                String fp = ingest.finish();
                store.write((Tx tx) -> {
                    if (tx.images().exists(fp)) {
                        throw new IllegalStateException("duplicate " + fp);
                    }
                    store.publish(tx, ingest);
                    tx.images().insert(record(ingest, fp));
                    tx.events().append(Instant.now(), "image-created", prefix, "{\"fingerprint\":\"" + fp + "\"}");
                    tx.aliases().create(name, fp, "");
                    tx.events().append(Instant.now(), "image-alias-created", prefix, "{\"name\":\"" + name + "\"}");
                    return null;
                });
            }
        }
    }

    /** Waits for the parent to create {@code go}, so that all children start together. */
    private static void awaitFile(Path go) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!java.nio.file.Files.exists(go)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no go from the parent");
            }
            Thread.sleep(5);
        }
    }

    static ImageRecord record(Ingest ingest, String fp) {
        return new ImageRecord(fp, "child.tar.xz", ingest.size(), ingest.split(), "container", "x86_64", false,
                false, false, TestImages.CREATED, Instant.EPOCH, Instant.now(), null, Map.of("os", "child"),
                List.of("default"), List.of(), null);
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void blockForever() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // keep blocking until killed
            }
        }
    }

    /** {@code size} pseudo-random bytes made from one 1 MiB block, never all in memory. */
    static final class Generated extends InputStream {
        private static final int BLOCK = 1 << 20;
        private final byte[] block = new byte[BLOCK];
        private final long size;
        private final long pauseAt;
        private long pos;

        Generated(long size, long pauseAt) {
            this.size = size;
            this.pauseAt = pauseAt;
            new Random(42).nextBytes(block);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pauseAt >= 0 && pos >= pauseAt) {
                say("COPYING " + pos);
                blockForever();
            }
            if (pos >= size) {
                return -1;
            }
            long k = pos / BLOCK;
            int inBlock = (int) (pos % BLOCK);
            int n = (int) Math.min(Math.min(len, BLOCK - inBlock), size - pos);
            int src = (int) ((inBlock + k * 7919) % BLOCK); // each block is the same bytes, rotated
            int first = Math.min(n, BLOCK - src);
            System.arraycopy(block, src, b, off, first);
            System.arraycopy(block, 0, b, off + first, n - first);
            pos += n;
            return n;
        }
    }
}
