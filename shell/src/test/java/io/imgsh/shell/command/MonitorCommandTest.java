package io.imgsh.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.json.ApiTime;
import io.imgsh.engine.remote.lxd.LxdPeer;
import io.imgsh.shell.ChildImgsh;
import io.imgsh.shell.ImgshRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imgsh monitor local: --type lifecycle} in a process of its own, while another process changes the store:
 * it prints each event as {@code lxc monitor} 5.0.2 does (the captured transcript beside this test is the reference)
 * and SIGTERM ends it with status 0.
 */
class MonitorCommandTest {
    /** The first event of the transcript: everything up to its two blank lines. */
    private static final Pattern FIRST_EVENT = Pattern.compile("(?s)^(location: none\n.*?type: lifecycle\n\n\n)");

    @TempDir
    Path dir;

    @Test
    void printsTheStoresEventsAsLxcMonitorAndSigtermEndsItWithStatusZero() throws Exception {
        ImgshRunner imgsh = new ImgshRunner(dir);
        String image = imgsh.importImage(LxdPeer.unifiedImage(dir, LxdPeer.unique("monitor")).toString());
        Path out = dir.resolve("monitor.out");
        Path err = dir.resolve("monitor.err");
        Process monitor = new ChildImgsh(imgsh).start(out.toFile(), err.toFile(), "monitor", "local:", "--type",
                "lifecycle");
        try {
            String expected = expectedEvent(image);
            // the monitor sees changes made after it has started: change the store until it has seen one
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains(expected)) {
                assertThat(monitor.isAlive()).as(Files.readString(err)).isTrue();
                assertThat(System.nanoTime()).as("the event was printed by now").isLessThan(deadline);
                imgsh.ok("image", "alias", "create", "srvevents-ref", image);
                imgsh.ok("image", "alias", "delete", "srvevents-ref");
                Thread.sleep(500);
            }
            assertThat(Files.readString(out)).contains(expected.replace("image-alias-created", "image-alias-deleted")
                    .replaceFirst("  context:\n    target: [0-9a-f]{64}\n", ""));
            monitor.destroy(); // SIGTERM
            assertThat(monitor.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(monitor.exitValue()).as(Files.readString(err)).isZero();
        } finally {
            monitor.destroyForcibly();
        }
        assertThat(imgsh.run("monitor", "--type", "bogus").err())
                .isEqualTo("Error: \"bogus\" isn't a supported event type\n");
    }

    /**
     * lxc's first event in the transcript, made ours: this image, this store's time, and no {@code requestor} (the
     * store's event log does not record who made a change).
     */
    private static String expectedEvent(String image) throws IOException {
        String transcript;
        try (InputStream in = MonitorCommandTest.class.getResourceAsStream("lxc-monitor-lifecycle.txt")) {
            transcript = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#")).collect(Collectors.joining("\n", "", "\n"));
        }
        Matcher first = FIRST_EVENT.matcher(transcript);
        assertThat(first.find()).as(transcript).isTrue();
        return first.group(1)
                .replaceAll("(?m)^  requestor:\n(    .*\n)+", "")
                .replaceAll("[0-9a-f]{64}", image)
                .replaceAll("\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"", "\"" + ApiTime.format(ImgshRunner.NOW) + "\"");
    }
}
