import io.imgsh.shell.Imgsh;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies REMOTE:ALIAS into the store at HOME RUNS times in one JVM (deleting it in between, after a warm-up) and
 * prints the median and best wall time: what a prompt session or a script sees. Run by scripts/bench/copy.sh.
 */
public final class CopyBench {
    public static void main(String[] args) {
        String home = args[0];
        String source = args[1];
        String fingerprint = args[2];
        int runs = Integer.parseInt(args[3]);
        Map<String, String> env = new HashMap<>(System.getenv());
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        double[] seconds = new double[runs];
        for (int i = -2; i < runs; i++) {
            long start = System.nanoTime();
            int status = imgsh(env, quiet, "--home", home, "image", "copy", source, "local:");
            long took = System.nanoTime() - start;
            if (status != 0) {
                throw new IllegalStateException("copy failed with status " + status);
            }
            imgsh(env, quiet, "--home", home, "image", "delete", fingerprint);
            if (i >= 0) {
                seconds[i] = took / 1e9;
            }
        }
        Arrays.sort(seconds);
        System.out.printf("in-session copy: median %.3f s, best %.3f s over %d runs%n", seconds[runs / 2], seconds[0],
                runs);
    }

    private static int imgsh(Map<String, String> env, PrintStream out, String... args) {
        return new Imgsh(env, Clock.systemUTC(), false).run(InputStream.nullInputStream(), out, System.err, args);
    }
}
