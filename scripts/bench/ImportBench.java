import io.imgsh.engine.Engine;
import io.imgsh.engine.image.ImportRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * In-process import benchmark: imports IMAGE into a scratch store RUNS times (deleting it in between, after a
 * warm-up) and prints the median and best wall time. Run by scripts/bench/import.sh.
 */
public final class ImportBench {
    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        String expected = sha256(image);
        Path home = Files.createTempDirectory("imgsh-bench");
        try (Engine engine = Engine.open(home, Clock.systemUTC())) {
            ImportRequest request = new ImportRequest(image, null, List.of(), false, Map.of());
            double[] seconds = new double[runs];
            for (int i = -2; i < runs; i++) {
                long start = System.nanoTime();
                String fp = engine.images().importImage(request).fingerprint();
                long took = System.nanoTime() - start;
                if (!fp.equals(expected)) {
                    throw new IllegalStateException("fingerprint " + fp + " but the file's sha256 is " + expected);
                }
                engine.images().delete(fp);
                if (i >= 0) {
                    seconds[i] = took / 1e9;
                }
            }
            Arrays.sort(seconds);
            System.out.printf("in-process import (fingerprints checked): median %.3f s, best %.3f s over %d runs%n",
                    seconds[runs / 2], seconds[0], runs);
        } finally {
            try (var files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
