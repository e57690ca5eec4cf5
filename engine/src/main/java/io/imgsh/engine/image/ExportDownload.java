package io.imgsh.engine.image;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.format.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Images#export(String, String, Progress)} for a place whose files arrive as a stream: each part goes into a
 * locked partial file beside the target (so that a killed export's are told apart and removed by the next export
 * there), hashed on the way; only when the files hash to the fingerprint are they renamed to the names a local
 * export uses ({@link ImageExport}). What is not renamed always goes.
 */
final class ExportDownload {
    private ExportDownload() {
    }

    static List<Path> write(Images images, String fingerprint, String target, Progress progress) {
        if (!Sha256.isHash(fingerprint)) {
            // it names the files: what a remote calls an image must not lead out of the target directory
            throw new EngineException("Not an image fingerprint: \"" + Messages.printable(fingerprint) + "\"");
        }
        Path dir = target == null ? Path.of("").toAbsolutePath()
                : Files.isDirectory(Path.of(target)) ? Path.of(target).toAbsolutePath()
                : Path.of(target).toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("open " + target + ": no such file or directory");
        }
        MessageDigest combined = Sha256.digest();
        List<PartialFile> parts = new ArrayList<>();
        try {
            images.export(images.byFingerprint(fingerprint), (part, in) -> {
                PartialFile partial = partial(dir.resolve(fingerprint + "." + part.name().toLowerCase()));
                parts.add(partial);
                MessageDigest digest = Sha256.digest();
                // never closed: that would release the lock, which only PartialFile.close does
                OutputStream out = Channels.newOutputStream(partial.channel());
                InputStream hashed = new DigestInputStream(new DigestInputStream(in, combined), digest);
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = hashed.read(buffer)) >= 0; ) {
                    write(out, buffer, n);
                }
                return Sha256.hex(digest);
            }, progress);
            Sha256.check(fingerprint, Sha256.hex(combined));
            return new ImageExport(parts.get(0).path(), parts.size() > 1 ? parts.get(1).path() : null, fingerprint)
                    .moveTo(target);
        } finally {
            parts.forEach(PartialFile::close);
        }
    }

    private static PartialFile partial(Path destination) {
        try {
            return PartialFile.create(destination);
        } catch (IOException e) {
            throw new EngineException("Export failed: " + e.getMessage(), e);
        }
    }

    private static void write(OutputStream out, byte[] buffer, int n) {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            throw new EngineException("Export failed: " + e.getMessage(), e);
        }
    }
}
