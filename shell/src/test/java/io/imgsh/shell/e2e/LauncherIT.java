package io.imgsh.shell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import io.imgsh.shell.TestImages;
import io.imgsh.shell.progress.LargeTarball;
import io.imgsh.store.E2e;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's start-up cache ({@code scripts/imgsh} and {@code scripts/cache-train.sh}), run from a copy of the
 * scripts beside a copy of the built jar so that the caches it makes stay in this test's directory. With a JDK 25+
 * it trains an AOT cache once per build and starts with it; without one, a class-data-sharing archive; a failed
 * training is not retried and a broken cache is only slower. Standard error carries the one-time note and nothing
 * else.
 */
class LauncherIT {
    private static final String NOTE = "imgsh: preparing the start-up cache (once per build, a few seconds)...\n";
    private static final String SHARED = "io.imgsh.shell.Imgsh source: shared objects file";

    @TempDir
    Path tmp;

    private Path target;
    private Path jdks;
    private Map<String, String> env;

    private record Run(int status, String out, String err, String classLoading) {
    }

    @BeforeEach
    void setUp() throws IOException {
        Path built = Path.of(System.getProperty("imgsh.root", "..")).toAbsolutePath().normalize();
        Path scripts = Files.createDirectories(tmp.resolve("imgsh/scripts"));
        for (String script : List.of("imgsh", "cache-train.sh", "cache-training.lxs")) {
            Files.copy(built.resolve("scripts").resolve(script), scripts.resolve(script),
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path builtTarget = built.resolve("shell/target");
        target = Files.createDirectories(tmp.resolve("imgsh/shell/target"));
        Files.copy(builtTarget.resolve("imgsh.jar"), target.resolve("imgsh.jar"));
        Files.createSymbolicLink(target.resolve("lib"), builtTarget.resolve("lib"));
        Files.createSymbolicLink(target.resolve("native"), builtTarget.resolve("native"));
        jdks = Files.createDirectories(tmp.resolve("jdks"));
        Path user = Files.createDirectories(tmp.resolve("user"));
        env = new HashMap<>(Map.of("HOME", user.toString(), "XDG_STATE_HOME", user.resolve("state").toString(),
                "XDG_CONFIG_HOME", user.resolve("config").toString(), "IMGSH_HOME", tmp.resolve("store").toString(),
                "LANG", "C.UTF-8", "NO_COLOR", "1", "IMGSH_JDKS", jdks.toString()));
    }

    @AfterEach
    void removeLinks() throws IOException {
        // before @TempDir's clean-up, which warns about each link that leaves the directory
        for (Path link : List.of(target.resolve("lib"), target.resolve("native"), jdks.resolve("jdk-25"))) {
            Files.deleteIfExists(link);
        }
    }

    @Test
    void withJdk25AnAotCacheIsTrainedOncePerBuildAndUsed() throws Exception {
        Files.createSymbolicLink(jdks.resolve("jdk-25"), jdk(feature -> feature >= 25));

        Run first = imgsh("image", "list");
        assertThat(first.status()).isZero();
        assertThat(first.err()).isEqualTo(NOTE);
        assertThat(first.out()).contains("| ALIAS | FINGERPRINT |");
        assertThat(first.classLoading()).contains(SHARED);
        assertThat(target.resolve("imgsh.aot")).isNotEmptyFile();
        assertThat(target.resolve("imgsh.jsa")).doesNotExist();
        FileTime trained = Files.getLastModifiedTime(target.resolve("imgsh.aot"));

        for (String[] args : List.of(new String[] {"--version"}, new String[] {"help"},
                new String[] {"image", "alias", "list"})) {
            Run again = imgsh(args);
            assertThat(again.status()).isZero();
            assertThat(again.err()).as(String.join(" ", args)).isEmpty();
            assertThat(again.classLoading()).contains(SHARED);
        }
        assertThat(Files.getLastModifiedTime(target.resolve("imgsh.aot"))).isEqualTo(trained);

        // an import runs on C2 alone (-XX:-TieredCompilation), still from the cache trained with both compilers
        Path image = new TestImages(tmp).unified("small.tar.xz", Compression.XZ);
        Run imported = imgsh("--home", tmp.resolve("other-store").toString(), "image", "import", image.toString());
        assertThat(imported.status()).isZero();
        assertThat(imported.out()).startsWith("Image imported with fingerprint: ");
        assertThat(imported.classLoading()).contains(SHARED);

        // the JVM halts at the end of a command: its status and its last words still come out
        Run failed = imgsh("image", "info", "nosuch");
        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.err()).isEqualTo("Error: Image not found\n");
        Run misused = imgsh("image", "lst");
        assertThat(misused.status()).isEqualTo(2);
        assertThat(misused.err()).startsWith("Error: Unknown command \"lst\"").endsWith("\n");

        // a rebuilt jar is trained for once
        Files.setLastModifiedTime(target.resolve("imgsh.jar"), FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(imgsh("--version").err()).isEqualTo(NOTE);
        Run rebuilt = imgsh("--version");
        assertThat(rebuilt.err()).isEmpty();
        assertThat(rebuilt.classLoading()).contains(SHARED);

        // a cache the JVM cannot use is only slower, and silent
        Files.writeString(target.resolve("imgsh.aot"), "not a cache");
        Run broken = imgsh("image", "list");
        assertThat(broken.status()).isZero();
        assertThat(broken.err()).isEmpty();
        assertThat(broken.out()).isEqualTo(first.out()); // the JVM's warnings would go to standard output
        assertThat(broken.classLoading()).doesNotContain(SHARED).contains("io.imgsh.shell.Imgsh source:");
    }

    @Test
    void withoutJdk25TheClassDataSharingArchiveIsUsed() throws Exception {
        env.put("JAVA_HOME", jdk(feature -> feature < 25).toString());

        Run first = imgsh("image", "list");
        assertThat(first.status()).isZero();
        assertThat(first.err()).isEqualTo(NOTE);
        assertThat(target.resolve("imgsh.jsa")).isNotEmptyFile();
        assertThat(target.resolve("imgsh.aot")).doesNotExist();

        Run again = imgsh("--version");
        assertThat(again.err()).isEmpty();
        assertThat(again.out()).matches("imgsh \\S+\n");
        assertThat(again.classLoading()).contains(SHARED);
    }

    @Test
    void aFailedTrainingIsNotRetriedAndTheCommandStillRuns() throws Exception {
        // a "JDK 25" whose java refuses to train: the real one behind a wrapper
        Path real = jdk(feature -> feature >= 25);
        Path fake = Files.createDirectories(jdks.resolve("refusing-25/bin"));
        Files.writeString(fake.resolveSibling("release"), "JAVA_VERSION=\"25.0.0\"\n");
        Path java = fake.resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                for arg; do
                    case "$arg" in -XX:AOTCacheOutput=*) echo "training refused" >&2; exit 1 ;; esac
                done
                exec %s "$@"
                """.formatted(real.resolve("bin/java")));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        Run first = imgsh("image", "list");
        assertThat(first.status()).isZero();
        assertThat(first.err()).isEqualTo(NOTE);
        assertThat(first.out()).contains("| ALIAS | FINGERPRINT |");
        assertThat(target.resolve("imgsh.aot")).doesNotExist();
        assertThat(target.resolve("imgsh.aot.log")).content().contains("training refused");

        Run again = imgsh("image", "list");
        assertThat(again.status()).isZero();
        assertThat(again.err()).isEmpty();
        assertThat(again.out()).isEqualTo(first.out());
    }

    @Test
    void aSignalDuringAOneShotImportStopsItCleanlyAndTheJvmEndsWithTheSignalsStatus() throws Exception {
        Path pipe = tmp.resolve("image.tar");
        LargeTarball.fifo(pipe, 4L << 30);

        Process p = start("image", "import", pipe.toString());
        Path partial = tmp.resolve("store/tmp");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (LargeTarball.largestFile(partial) < 16 << 20) {
            assertThat(System.nanoTime()).as("the import never got going").isLessThan(deadline);
            Thread.sleep(5);
        }
        p.destroy(); // SIGTERM: the hooks interrupt the import and wait for it, as exit() always did
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(143);
        assertThat(Files.readString(tmp.resolve("err"))).isEqualTo(NOTE + "Error: Import interrupted\n");
        assertThat(LargeTarball.largestFile(partial)).isZero();
        assertThat(LargeTarball.largestFile(tmp.resolve("store/images"))).isZero();
    }

    /** Runs the copied launcher to completion, logging where the JVM took its classes from. */
    private Run imgsh(String... args) throws Exception {
        Process p = start(args);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        Path classLog = tmp.resolve("class-load.log");
        String classes = Files.exists(classLog) ? Files.readString(classLog) : "";
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err"), StandardCharsets.UTF_8), classes);
    }

    /** Starts the copied launcher, its output and errors going to the files "out" and "err". */
    private Process start(String... args) throws IOException {
        Path classLog = tmp.resolve("class-load.log");
        Files.deleteIfExists(classLog);
        List<String> command = new ArrayList<>(List.of(tmp.resolve("imgsh/scripts/imgsh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(tmp.resolve("out").toFile())
                .redirectError(tmp.resolve("err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeAll(List.of("JAVA_HOME", "IMGSH_JAVA", "IMGSH_JAVA_OPTS"));
        builder.environment().putAll(env);
        builder.environment().put("IMGSH_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        return builder.start();
    }

    /** A JDK home of this machine (the one running the test, or under /usr/lib/jvm) whose feature version fits. */
    private static Path jdk(IntPredicate feature) throws IOException {
        List<Path> homes = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> listed = Files.list(jvms)) {
                homes.addAll(listed.sorted().toList());
            }
        }
        Optional<Path> found = homes.stream()
                .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                .filter(home -> featureOf(home).stream().anyMatch(feature::test))
                .findFirst();
        E2e.require(found.isPresent(), "no JDK of the needed version in java.home or /usr/lib/jvm");
        return found.orElseThrow();
    }

    private static Optional<Integer> featureOf(Path home) {
        try {
            Matcher m = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(home.resolve("release")));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
