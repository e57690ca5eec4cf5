package io.imgsh.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * An instance recorded RUNNING ({@code volatile.last_state.power}, written once lxc-start has started it) that LXC
 * calls STOPPED has stopped by itself: when list, info or a command on it next looks, an ephemeral one is deleted and
 * another recorded STOPPED; not while another process holds its lock (a start under way), and never by the reads
 * completion makes (names, get). Here the records say RUNNING as a start writes them and LXC, never asked to start
 * the instances, calls them STOPPED.
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
        Path dir = fx.home.resolve("instances");
        InstanceFiles files = new InstanceFiles(dir);
        for (String name : List.of("e1", "c1")) {
            files.update(instances.prepareStart(name).with(Instance.LAST_POWER, Instance.RUNNING));
        }

        assertThat(instances.names()).as("completion's read settles nothing").containsExactly("c1", "e1", "e2");
        assertThat(instances.get("e1").config()).containsEntry("volatile.last_state.power", "RUNNING");
        assertThat(dir.resolve("e1")).isDirectory();

        try (InstanceLockHolder.Child holder = InstanceLockHolder.start(dir, "e1")) {
            assertThat(instances.list()).as("a start under way elsewhere").extracting(s -> s.instance().name())
                    .containsExactly("c1", "e1", "e2");
        }

        assertThat(instances.list()).extracting(s -> s.instance().name(), InstanceStatus::state)
                .containsExactly(Tuple.tuple("c1", InstanceState.STOPPED), Tuple.tuple("e2", InstanceState.STOPPED));
        assertThat(dir.resolve("e1")).doesNotExist();
        assertThatThrownBy(() -> instances.status("e1")).isInstanceOf(NotFoundException.class);
        assertThat(instances.get("c1").config()).containsEntry("volatile.last_state.power", "STOPPED");
    }
}
