import io.imgsh.shell.command.CommandRunner;
import io.imgsh.shell.command.Outcome;
import io.imgsh.shell.session.Session;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * Copies REMOTE:ALIAS into the store at HOME RUNS times in one session, as the prompt and scripts run commands (one
 * engine, one command tree), deleting it in between, after a warm-up; prints the median and best wall time of the
 * copies. Run by scripts/bench/copy.sh.
 */
public final class CopyBench {
    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        String source = args[1];
        String fingerprint = args[2];
        int runs = Integer.parseInt(args[3]);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        double[] seconds = new double[runs];
        try (Session session = new Session(InputStream.nullInputStream(), quiet, System.err, System.getenv(),
                Clock.systemUTC(), false)) {
            session.configure(home, true, false);
            CommandRunner commands = CommandRunner.forLines(session);
            for (int i = -2; i < runs; i++) {
                long start = System.nanoTime();
                Outcome copied = commands.run("image", "copy", source, "local:");
                long took = System.nanoTime() - start;
                if (copied.failed()) {
                    throw new IllegalStateException("copy failed: " + copied.error());
                }
                commands.run("image", "delete", fingerprint);
                if (i >= 0) {
                    seconds[i] = took / 1e9;
                }
            }
        }
        Arrays.sort(seconds);
        System.out.printf("in-session copy: median %.3f s, best %.3f s over %d runs%n", seconds[runs / 2], seconds[0],
                runs);
    }
}
