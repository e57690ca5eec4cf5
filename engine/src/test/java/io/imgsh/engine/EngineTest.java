package io.imgsh.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.format.Compression;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImagePut;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade: services over one store, a whole life cycle, and a large import with a small heap. */
class EngineTest {
    @TempDir
    Path tmp;

    @Test
    void openCreatesTheStoreLayout() {
        Path home = tmp.resolve("new/home");
        try (Engine engine = Engine.open(home, new io.imgsh.engine.image.MutableClock(ImageFixture.START))) {
            assertThat(engine.home()).isEqualTo(home);
            assertThat(home.resolve("imgsh.db")).isRegularFile();
            assertThat(home.resolve("images")).isDirectory();
            assertThat(home.resolve("tmp")).isDirectory();
            assertThat(engine.images()).isSameAs(engine.images());
            assertThat(engine.config()).isSameAs(engine.config());
            assertThat(engine.images().list()).isEmpty();
        }
    }

    @Test
    void openSweepsWhatACrashLeftBehindAndNothingElse() throws IOException {
        String fp;
        try (ImageFixture fx = new ImageFixture(tmp)) {
            fp = fx.importDistinct("survivor", "s");
        }
        // a part of an ingest that died (imgsh's own name for it), and files imgsh cannot prove it wrote
        Files.writeString(tmp.resolve("home/tmp/0b0e9a53-2c55-4f0e-a3b2-3b1e1f3e8a11.0"), "half an image");
        Files.writeString(tmp.resolve("home/tmp/notes.txt"), "k");
        Files.writeString(tmp.resolve("home/images/" + "f".repeat(64)), "no row, no intent marker");
        try (ImageFixture fx = new ImageFixture(tmp)) {
            assertThat(ImageFixture.listing(fx.tmpDir())).containsExactly("notes.txt");
            assertThat(ImageFixture.listing(fx.imagesDir())).containsExactlyInAnyOrder(fp, "f".repeat(64));
            assertThat(fx.images().resolve("s").fingerprint()).isEqualTo(fp);
        }
    }

    @Test
    void aWholeLifeCycleAppendsExactlyLxdsEvents() {
        try (ImageFixture fx = new ImageFixture(tmp)) {
            Path file = fx.unifiedFile("life.tar.gz", Compression.GZIP, "life");
            String fp = fx.importFile(file, "first").fingerprint();
            fx.clock.advance(Duration.ofSeconds(1));
            fx.images().createAlias("second", fp.substring(0, 12), "desc");
            fx.images().setProperty(fp, "k", "v");
            fx.images().update(fp, new ImagePut(true, Map.of(), true, null, null));
            fx.images().renameAlias("second", "third");
            fx.engine.config().set("images.remote_cache_expiry", "2");
            fx.images().deleteAlias("first");
            fx.images().delete(fp);

            // Failures in between add nothing.
            assertThatThrownBy(() -> fx.images().deleteAlias("first")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> fx.images().delete(fp)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> fx.engine.config().set("images.remote_cache_expiry", "x"))
                    .isInstanceOf(InvalidInputException.class);

            String img = "/1.0/images/" + fp;
            assertThat(fx.eventLines(0)).containsExactly(
                    "image-created " + img + " {\"type\":\"container\"}",
                    "image-alias-created /1.0/images/aliases/first {\"target\":\"" + fp + "\"}",
                    "image-alias-created /1.0/images/aliases/second {\"target\":\"" + fp + "\"}",
                    "image-updated " + img + " {}",
                    "image-updated " + img + " {}",
                    "image-alias-renamed /1.0/images/aliases/third {\"old_name\":\"second\"}",
                    "config-updated /1.0 {}",
                    "image-alias-deleted /1.0/images/aliases/first {}",
                    "image-alias-deleted /1.0/images/aliases/third {}",
                    "image-deleted " + img + " {}");
            assertThat(fx.events()).extracting(e -> e.id()).isSorted().doesNotHaveDuplicates();
            assertThat(fx.images().list()).isEmpty();
            assertThat(ImageFixture.listing(fx.imagesDir())).isEmpty();
        }
    }

    @Test
    void twoEnginesOnOneHomeSeeEachOthersChanges() {
        try (ImageFixture a = new ImageFixture(tmp);
             Engine b = Engine.open(a.home, a.clock)) {
            String fp = a.importDistinct("shared", "shared");
            assertThat(b.images().resolve("shared").fingerprint()).isEqualTo(fp);
            b.images().createAlias("from-b", fp, "");
            assertThat(a.images().get(fp).aliases()).hasSize(2);
            b.images().delete(fp);
            assertThat(a.images().list()).isEmpty();
            assertThat(a.images().list(List.of("shared"))).isEmpty();
        }
    }

    @Test
    void concurrentImportsOfDistinctImagesAllLand() throws Exception {
        try (ImageFixture fx = new ImageFixture(tmp)) {
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                files.add(fx.unifiedFile("c" + i + ".tar.gz", Compression.GZIP, "concurrent " + i));
            }
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                String alias = "c" + i;
                threads.add(started(() -> fx.importFile(f, alias, "shared-alias"), failures));
            }
            for (Thread t : threads) {
                t.join(60_000);
            }
            assertThat(failures).isEmpty();
            assertThat(fx.images().list()).hasSize(6);
            assertThat(fx.images().aliases(List.of())).hasSize(7);
            assertThat(ImageFixture.listing(fx.tmpDir())).isEmpty();
            // The shared alias ended on exactly one image.
            assertThat(fx.images().list().stream().filter(i -> i.aliases().stream()
                    .anyMatch(a -> a.name().equals("shared-alias")))).hasSize(1);
        }
    }

    @Test
    void concurrentImportsOfTheSameImageStoreItOnce() throws Exception {
        try (ImageFixture fx = new ImageFixture(tmp)) {
            Path file = fx.unifiedFile("same.tar.xz", Compression.XZ, "same for all");
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<String> fingerprints = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String alias = "t" + i;
                threads.add(started(() -> fingerprints.add(fx.importFile(file, alias).fingerprint()), failures));
            }
            for (Thread t : threads) {
                t.join(60_000);
            }
            assertThat(fingerprints).hasSize(1);
            assertThat(failures).hasSize(3).allSatisfy(t -> assertThat(t).isInstanceOf(ConflictException.class)
                    .hasMessage("Image with same fingerprint already exists"));
            assertThat(fx.images().list()).hasSize(1);
            assertThat(fx.images().aliases(List.of())).hasSize(1);
            assertThat(ImageFixture.listing(fx.imagesDir())).containsExactly(fingerprints.get(0));
            assertThat(ImageFixture.listing(fx.tmpDir())).isEmpty();
            assertThat(fx.eventLines(0)).hasSize(2);
        }
    }

    private static Thread started(Runnable work, List<Throwable> failures) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        thread.start();
        return thread;
    }

    private static Process child(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                EngineTestLargeImageMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for the child (killing it after 3 minutes) and returns its output; it must have exited with 0. */
    private static String succeeded(Process child, Path log) throws Exception {
        boolean finished = child.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("child finished; output:\n" + output).isTrue();
        assertThat(child.exitValue()).as("child exit status; output:\n" + output).isZero();
        return output;
    }

    /**
     * A ~300 MiB plain tarball built and imported by a child JVM with a 64 MiB heap: the import streams the file
     * once (copy + hash) and reads only the metadata, so the heap never holds the image.
     */
    @Test
    void aLargeImageImportsWithASmallHeap() throws Exception {
        Path home = tmp.resolve("home");
        Path tarball = tmp.resolve("large.tar");
        Path log = tmp.resolve("child.log");
        String output = succeeded(child(log, home.toString(), tarball.toString(), "300"), log);

        List<String> lines = output.lines().toList();
        String fingerprint = lines.get(lines.size() - 1);
        assertThat(Files.size(tarball)).isGreaterThan(300L << 20);
        assertThat(fingerprint).isEqualTo(ImageFixture.sha256(tarball));
        assertThat(Files.size(home.resolve("images").resolve(fingerprint))).isEqualTo(Files.size(tarball));
        try (Engine engine = Engine.open(home, java.time.Clock.systemUTC())) {
            Image image = engine.images().resolve("large");
            assertThat(image.fingerprint()).isEqualTo(fingerprint);
            assertThat(image.size()).isEqualTo(Files.size(tarball));
            assertThat(image.type()).isEqualTo("container");
            assertThat(image.properties()).containsEntry("description", "large image");
        }
        assertThat(home.resolve("tmp").toFile().list()).isEmpty();
        assertThat(new File(home.toFile(), "images").list()).containsExactly(fingerprint);
    }

    /**
     * A gzip image of a few MiB whose first tar entry is a 200 MiB GNU long-name or PAX header must be refused, as
     * Go's archive/tar (LXD) refuses special headers over 1 MiB, instead of being read into memory: with a 64 MiB
     * heap the import now dies of OutOfMemoryError (and with a large heap such a file costs gigabytes).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"longlink", "pax"})
    void aHugeTarHeaderIsRefusedWithoutExhaustingTheHeap(String kind) throws Exception {
        Path home = tmp.resolve("home");
        Path log = tmp.resolve("child.log");
        String output = succeeded(child(log, home.toString(), tmp.resolve("huge.tar.gz").toString(), "200", kind),
                log);
        assertThat(output).contains("rejected: ");
        assertThat(home.resolve("tmp").toFile().list()).isEmpty();
        assertThat(home.resolve("images").toFile().list()).isEmpty();
    }
}
