package io.imgsh.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.MetadataReader;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Progress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * file push/pull, snapshot, restore, copy (its templates deferred to the start) and publish of a snapshot, on stopped
 * instances.
 */
class InstanceSnapshotsTest extends ImageFixtureTest {
    private static final FileMode DEFAULT = new FileMode(null, null, null, false);

    Instances instances;
    Path outside;

    @BeforeEach
    void setUp() throws Exception {
        Root.requireLxc();
        instances = fx.engine.instances();
        outside = Files.createDirectory(tmp.resolve("outside"));
        fx.importFile(fx.file("t.tar", new HostTar().file("metadata.yaml", 0644, 0, HostTar.BUSYBOX_METADATA)
                .dir("templates/", 0755).file("templates/hostname.tpl", 0644, 0, "{{ container.name }}\n")
                .dir("rootfs/", 0755).dir("rootfs/etc/", 0755).symlink("rootfs/etc/evil", outside.toString())
                .dir("rootfs/sbin/", 0755).file("rootfs/sbin/init", 0755, 0, "")
                .build(Compression.NONE)), "t");
        instances.create(new LaunchRequest(new ImageRef("local", "t"), "c1", Map.of(), false), Progress.NONE);
    }

    @Test
    void pushAndPullStayInsideTheRootfsWithTheInstancesIds() throws Exception {
        assertThatThrownBy(() -> push("/root/greeting", "hello", DEFAULT)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not exist in the instance (use -p to create it)");
        push("/root/greeting", "hello", new FileMode(null, null, null, true));
        Path rootfs = fx.home.resolve("instances/c1/rootfs");
        assertThat(Files.getAttribute(rootfs.resolve("root"), "unix:uid")).isEqualTo(1_000_000);
        assertThat(Files.getAttribute(rootfs.resolve("root/greeting"), "unix:uid")).isEqualTo(1_000_000);
        assertThat(pull("root/greeting")).isEqualTo("hello");

        push("/root/greeting", "mine", new FileMode(1000, 1000, 0600, false));
        assertThat(Files.getAttribute(rootfs.resolve("root/greeting"), "unix:uid")).isEqualTo(1_001_000);
        assertThat((Integer) Files.getAttribute(rootfs.resolve("root/greeting"), "unix:mode") & 07777)
                .isEqualTo(0600);

        push("/etc/evil/planted", "x", new FileMode(null, null, null, true));
        try (Stream<Path> written = Files.list(outside)) {
            assertThat(written).isEmpty();
        }
        assertThat(pull("/etc/evil/planted")).isEqualTo("x");
    }

    @Test
    void aPushedFilesOwnerMustBeAnIdTheInstanceMaps() throws Exception {
        assertThatThrownBy(() -> push("/etc/far", "x", new FileMode(65_536, null, null, false)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/etc/far would be owned by id 65536, outside the 65536 ids an unprivileged instance maps");
        assertThat(fx.home.resolve("instances/c1/rootfs/etc/far")).as("nothing written").doesNotExist();
        push("/etc/near", "x", new FileMode(65_535, null, null, false));
        assertThat(Files.getAttribute(fx.home.resolve("instances/c1/rootfs/etc/near"), "unix:uid"))
                .isEqualTo(1_000_000 + 65_535);
    }

    @Test
    void anOversizedMetadataYamlOfAnInstanceIsRefusedNotReadWhole() throws Exception {
        Path metadata = fx.home.resolve("instances/c1/metadata.yaml");
        byte[] kept = Files.readAllBytes(metadata);
        Files.write(metadata, new byte[(MetadataReader.MAX_METADATA_BYTES + 1) * 2]);
        try {
            Instance before = instances.get("c1");
            assertThatThrownBy(() -> instances.prepareStart("c1")).isInstanceOf(InvalidInputException.class)
                    .hasMessage("metadata.yaml is larger than 1 MiB");
            assertThat(instances.get("c1")).isEqualTo(before);
        } finally {
            Files.write(metadata, kept);
        }
    }

    @Test
    void listingADirectoryFollowsLinksOnlyInsideTheRootfs() throws Exception {
        Files.writeString(outside.resolve("secret"), "x");
        push("/root/greeting", "hello", new FileMode(null, null, null, true));
        Path rootfs = fx.home.resolve("instances/c1/rootfs");
        Files.createSymbolicLink(rootfs.resolve("home"), Path.of("root"));
        assertThat(instances.listDirectory("c1", "/")).containsExactly("etc/", "home/", "root/", "sbin/");
        assertThat(instances.listDirectory("c1", "etc")).containsExactly("evil");
        assertThat(instances.listDirectory("c1", "/home")).containsExactly("greeting");
        assertThat(instances.listDirectory("c1", "/etc/evil")).isEmpty();
        assertThat(instances.listDirectory("c1", "/etc/evil/../../.."))
                .containsExactly("etc/", "home/", "root/", "sbin/");
        assertThat(instances.listDirectory("c1", "/root/greeting")).isEmpty();
    }

    @Test
    void snapshotRestoreCopyAndPublishASnapshot() {
        push("/etc/greeting", "hello", DEFAULT);
        assertThat(instances.snapshot("c1", null)).isEqualTo("snap0");
        push("/etc/greeting", "changed", DEFAULT);
        assertThat(instances.snapshots("c1")).containsExactly("snap0");
        instances.prepareStart("c1");

        // as LXD copies: no volatile key of the source but the base image, the copy templates deferred to the start
        instances.copy("c1", "c2");
        assertThat(instances.get("c2").config()).containsEntry("volatile.apply_template", "copy")
                .containsEntry("volatile.base_image", instances.get("c1").baseImage())
                .doesNotContainKey("volatile.last_state.power");
        assertThat(pull("c2", "/etc/hostname")).isEqualTo("c1\n");
        instances.prepareStart("c2");
        assertThat(pull("c2", "/etc/hostname")).isEqualTo("c2\n");
        assertThat(pull("c2", "/etc/greeting")).isEqualTo("changed");
        // a snapshot taken before the first start holds apply_template=create; its copy gets copy's only
        instances.copy("c1/snap0", "c3");
        assertThat(instances.get("c3").config()).containsEntry("volatile.apply_template", "copy");
        assertThat(pull("c3", "/etc/greeting")).isEqualTo("hello");

        String fingerprint = instances.publish(new PublishRequest("c1/snap0", "local", List.of("from-snap"), false,
                "gzip", false, Map.of()), Progress.NONE);
        instances.create(new LaunchRequest(new ImageRef("local", "from-snap"), "c4", Map.of(), false),
                Progress.NONE);
        assertThat(pull("c4", "/etc/greeting")).isEqualTo("hello");
        // neither the image (snap0 predates c1's first start) nor c4 (never started) has had its templates applied
        assertThatThrownBy(() -> pull("c4", "/etc/hostname")).isInstanceOf(NotFoundException.class);
        assertThat(fx.images().get(fingerprint).filename()).isEqualTo("c1.tar.gz");

        // restore brings the snapshot's apply_template back, as LXD restores the snapshot's config
        assertThat(instances.get("c1").config()).doesNotContainKey("volatile.apply_template");
        instances.restore("c1", "snap0");
        assertThat(pull("/etc/greeting")).isEqualTo("hello");
        assertThat(instances.get("c1").config()).containsEntry("volatile.apply_template", "create");
        instances.deleteSnapshot("c1", "snap0");
        assertThat(instances.snapshots("c1")).isEmpty();
        assertThatThrownBy(() -> instances.restore("c1", "snap0")).hasMessage("Snapshot \"snap0\" not found");
        assertThat(instances.names()).containsExactly("c1", "c2", "c3", "c4");
    }

    @Test
    void whatReadsOrChangesTheInstancesDirectoryWaitsForItsLock() throws Exception {
        instances.snapshot("c1", "s0");
        List<Runnable> calls = List.of(
                () -> instances.snapshot("c1", "s1"),
                () -> instances.deleteSnapshot("c1", "s0"),
                () -> instances.copy("c1", "c2"),
                () -> instances.copy("c1/s0", "c3"),
                () -> instances.publish(new PublishRequest("c1", "local", List.of(), false, "gzip", false, Map.of()),
                        Progress.NONE),
                () -> push("/etc/pushed", "x", DEFAULT));
        try (InstanceLocks.Held held = new InstanceLocks(fx.home.resolve("instances")).lock("c1")) {
            for (Runnable call : calls) {
                // an interrupt pending as the call begins ends its wait for the lock at once, if it waits
                CompletableFuture<Throwable> failure = new CompletableFuture<>();
                Thread thread = new Thread(() -> {
                    Thread.currentThread().interrupt();
                    try {
                        call.run();
                        failure.complete(null);
                    } catch (RuntimeException e) {
                        failure.complete(e);
                    }
                });
                thread.start();
                assertThat(failure.get(120, TimeUnit.SECONDS)).isInstanceOf(EngineException.class)
                        .hasMessage("Interrupted while waiting for instance \"c1\", which another imgsh command is"
                                + " using");
            }
        }
        assertThat(instances.snapshots("c1")).containsExactly("s0");
        assertThat(instances.names()).containsExactly("c1");
        assertThat(fx.home.resolve("instances/c1/rootfs/etc/pushed")).doesNotExist();
        assertThat(fx.images().list()).hasSize(1);
    }

    private void push(String path, String content, FileMode mode) {
        instances.push("c1", new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), path, mode);
    }

    private String pull(String path) {
        return pull("c1", path);
    }

    private String pull(String name, String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        instances.pull(name, path, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
