package io.imgsh.shell.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import io.imgsh.engine.Engine;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.ImportRequest;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.instance.HostTar;
import io.imgsh.engine.instance.LaunchRequest;
import io.imgsh.engine.instance.Root;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code browse} on a virtual terminal over one real busybox container: the list, start, stop, shell, delete. */
class InstanceViewTest {
    @TempDir
    Path dir;

    @Test
    void showsActsOnAndDeletesARealInstance() throws Exception {
        Root.requireLxc();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        try (Engine engine = Engine.open(dir.resolve("home"), Clock.systemUTC());
             ViewTester tester = new ViewTester(100, 10)) {
            Path image = Files.write(dir.resolve("busybox.tar.gz"), HostTar.busyboxImage(HostTar.BUSYBOX_METADATA,
                    "hostname.tpl", "{{ instance.name }}\n").build(Compression.GZIP));
            String fingerprint = engine.images().importImage(new ImportRequest(image, null, List.of("bb"), false,
                    Map.of())).fingerprint();
            engine.instances().create(new LaunchRequest(new ImageRef("local", "bb"), "c1", Map.of(), false),
                    Progress.NONE);
            try {
                InstanceView view = new InstanceView(tester.screen, engine.instances(), null).open();
                tester.draw();
                assertThat(tester.row(0)).isEqualTo(" imgsh · instances · 1 instance");
                assertThat(tester.row(1)).isEqualTo("  NAME  STATE    SNAPSHOTS  BASE IMAGE");
                assertThat(tester.row(2)).isEqualTo("> c1    STOPPED  0          " + fingerprint.substring(0, 12));
                assertThat(tester.row(9)).isEqualTo(InstanceView.HELP);

                // a failing action: one line, the view still there
                tester.type("x");
                assertThat(tester.row(9)).isEqualTo("Error: Instance c1 is not running");
                tester.type("t").type("y");
                assertThat(tester.row(9)).isEqualTo("Error: The instance is already stopped");

                tester.type("s");
                assertThat(tester.row(9)).isEqualTo("Instance c1 started");
                assertThat(tester.row(2)).startsWith("> c1    RUNNING");
                tester.type("p\n");
                assertThat(tester.row(9)).isEqualTo("Error: The instance is currently running. Use --force to "
                        + "publish it anyway (it is frozen meanwhile)");

                tester.type("t");
                assertThat(tester.row(9)).isEqualTo("Force-stop instance c1? (y/N)");
                tester.type("y");
                assertThat(tester.row(9)).isEqualTo("Instance c1 stopped");
                assertThat(tester.row(2)).startsWith("> c1    STOPPED");

                tester.press(KeyType.Enter);
                assertThat(tester.row(0)).isEqualTo(" Instance c1");
                assertThat(tester.screen()).contains("\n Name: c1\n Status: STOPPED\n");
                assertThat(tester.row(9)).isEqualTo(InfoPane.READ_ONLY_HELP);
                tester.type("q");
                assertThat(tester.row(2)).startsWith("> c1    STOPPED");

                tester.type("p");
                assertThat(tester.row(9)).isEqualTo("Publish c1 as alias (empty: none):");
                tester.type("pub\n");
                String published = engine.images().resolve("pub").fingerprint();
                assertThat(tester.row(9)).isEqualTo("Instance c1 published as image " + published.substring(0, 12)
                        + " (pub)");

                tester.type("s").type("d").type("y");
                assertThat(tester.row(9)).isEqualTo("Instance c1 is running: force-delete it? (y/N)");
                tester.type("n");
                assertThat(tester.row(9)).isEqualTo("Cancelled");
                assertThat(engine.instances().names()).containsExactly("c1");

                tester.type("x");
                assertThat(view.window().getTextGUI()).isNull();
                assertThat(view.shellIn()).contains("c1");

                InstanceView again = new InstanceView(tester.screen, engine.instances(), "Shell exited").open();
                tester.draw();
                assertThat(tester.row(9)).isEqualTo("Shell exited");
                tester.type("d").type("y").type("y");
                assertThat(tester.row(9)).isEqualTo("Instance c1 deleted");
                assertThat(tester.row(2)).isEqualTo("  No instances");
                assertThat(engine.instances().names()).isEmpty();
                tester.type("q");
                assertThat(again.window().getTextGUI()).isNull();
                assertThat(again.shellIn()).isEmpty();
            } finally {
                if (engine.instances().names().contains("c1")) {
                    engine.instances().delete("c1", true);
                }
            }
        }
    }
}
