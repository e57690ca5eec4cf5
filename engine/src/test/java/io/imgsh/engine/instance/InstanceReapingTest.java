package io.imgsh.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Progress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An instance recorded RUNNING ({@code volatile.last_state.power}, written by the start) that LXC calls STOPPED has
 * stopped by itself: when imgsh next looks, an ephemeral one is deleted and another recorded STOPPED; not while
 * another process holds its lock (a start under way). Here {@link Instances#prepareStart} records the start and LXC,
 * never asked to start them, calls them STOPPED.
 */
class InstanceReapingTest extends ImageFixtureTest {
    @Test
    void anEphemeralInstanceThatStoppedIsDeletedWhenNextListedUnlessLockedOrNeverStarted() throws Exception {
        Root.requireLxc();
        Instances instances = fx.engine.instances();
        fx.importFile(fx.file("bb.tar", HostTar.busyboxImage(HostTar.BUSYBOX_METADATA, "hostname.tpl", "x\n")
                .build(Compression.NONE)), "bb");
        for (String name : List.of("e1", "e2", "c1")) {
            instances.create(new LaunchRequest(new ImageRef("local", "bb"), name, Map.of(), !name.equals("c1")),
                    Progress.NONE);
        }
        assertThat(instances.list()).extracting(s -> s.instance().name()).as("never started: kept")
                .containsExactly("c1", "e1", "e2");
        instances.prepareStart("e1");
        instances.prepareStart("c1");
        assertThat(instances.get("e1").config()).containsEntry("volatile.last_state.power", "RUNNING");

        Path dir = fx.home.resolve("instances");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InstanceLockHolder.class.getName(), dir.toString(), "e1")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("LOCKED");
            assertThat(instances.names()).as("a start under way elsewhere").containsExactly("c1", "e1", "e2");
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }

        assertThat(instances.list()).extracting(s -> s.instance().name(), InstanceStatus::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c1", InstanceState.STOPPED),
                        org.assertj.core.groups.Tuple.tuple("e2", InstanceState.STOPPED));
        assertThat(dir.resolve("e1")).doesNotExist();
        assertThatThrownBy(() -> instances.status("e1")).isInstanceOf(NotFoundException.class);
        assertThat(instances.get("c1").config()).containsEntry("volatile.last_state.power", "STOPPED");
    }
}
