package io.imgsh.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The byte-reproducible images of {@code shared/peers/make-test-images.sh} and the fingerprints LXD 5.0.2 gave
 * them ({@code lxd-5.0.2-observed.md} §2). Shared by the tests of every module.
 */
public final class ReferenceFixtures {
    public static final String UNIFIED_XZ = "ab6fcc1f7c7daa1eb1a083a3d67775bb93e93f30a49e8eb28e54f3048df41591";
    public static final String UNIFIED_GZ = "38e82544a8777860efb603a48ca17be1c23869c82493aee6589320216332ab7a";
    public static final String SPLIT_META = "cff4c659949bf87a5751699bc51edce4ed7c7c193c9bc3a60cff2b5567e385a9";
    public static final String SPLIT_ROOTFS = "2cdad626501d6e26ebbbc80c703b0071f8551e03b2b417a7208ba6fcb558cf90";
    public static final String SPLIT = "8b63b0cd169b9b0aacd1cfa98273ceb0c8ba4dde2c9f4bd849ab449119522640";
    public static final String SPLIT_SQUASHFS = "c6e36950be3eda99c9b44ac94c67c0819fa2fc35755203745d5d11044fcca467";

    private ReferenceFixtures() {
    }

    /** Builds the fixtures into {@code dir} (skipped locally, failed under IMGSH_REQUIRE_E2E, when it cannot). */
    public static Path make(Path dir) {
        Path script = E2e.fixtureScript();
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder("bash", script.toString(), dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolveSibling(dir.getFileName() + ".log").toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("make-test-images.sh did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("make-test-images.sh failed with status " + process.exitValue()
                        + ", see " + dir.resolveSibling(dir.getFileName() + ".log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        E2e.require(UNIFIED_XZ.equals(sha256(dir.resolve("unified-xz.tar.xz"))),
                "this host's tar/xz do not reproduce the bytes LXD was given, so its fingerprints do not apply");
        return dir;
    }

    /** The squashfs rootfs, which the script builds only when mksquashfs is installed. */
    public static Path squashfs(Path dir) {
        E2e.requireTools("mksquashfs");
        Path file = dir.resolve("split-rootfs.squashfs");
        E2e.require(Files.exists(file), "make-test-images.sh built no squashfs fixture");
        return file;
    }

    private static String sha256(Path file) {
        try {
            return TestImages.sha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
