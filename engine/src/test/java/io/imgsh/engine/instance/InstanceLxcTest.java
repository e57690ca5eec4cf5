package io.imgsh.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Progress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real containers on LXC from a busybox image: one running instance serves the whole life cycle. */
class InstanceLxcTest extends ImageFixtureTest {
    /** How long a command may take before the test fails rather than hangs: a guard, not a measure. */
    private static final long GUARD_SECONDS = 120;

    Instances instances;

    @BeforeEach
    void setUp() throws Exception {
        Root.requireLxc();
        // an unprivileged instance's root (host uid 1000000) must reach its rootfs
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        instances = fx.engine.instances();
    }

    @AfterEach
    void removeInstances() {
        for (InstanceStatus s : instances.list()) {
            instances.delete(s.instance().name(), true);
        }
    }

    @Test
    void launchExecPublishAndLaunchThePublishedImage() {
        fx.importFile(fx.file("busybox.tar.xz", HostTar.busyboxImage(HostTar.BUSYBOX_METADATA, "hostname.tpl",
                "{{ instance.name }}\n").build(Compression.XZ)), "busybox");
        instances.launch(new LaunchRequest(new ImageRef("local", "busybox"), "c1", Map.of("user.x", "1"), false),
                Progress.NONE);
        assertThat(instances.list()).extracting(s -> s.instance().name(), InstanceStatus::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c1", InstanceState.RUNNING));

        assertThat(exec("c1", "hello\n", "sh", "-c", "cat; id -u; exit 3")).isEqualTo(new Run(3, "hello\n0\n"));
        assertThat(exec("c1", null, "cat", "/etc/hostname")).as("rendered by the first start")
                .isEqualTo(new Run(0, "c1\n"));
        assertThat(instances.get("c1").config()).doesNotContainKey("volatile.apply_template");
        assertThat(exec("c1", null, "sh", "-c", "echo made > /root/made")).isEqualTo(new Run(0, ""));
        assertThat(fx.home.resolve("instances/c1/rootfs/root/made")).hasContent("made");

        assertThatThrownBy(() -> instances.publish(publish("c1", false), Progress.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("The instance is currently running. Use --force");
        AtomicLong made = new AtomicLong();
        String published = instances.publish(publish("c1", true), (done, total) -> made.set(done));
        assertThat(instances.state("c1")).isEqualTo(InstanceState.RUNNING);
        Image image = fx.images().get(published);
        assertThat(image.properties()).containsEntry("os", "busybox").containsEntry("note", "published");
        assertThat(image.cached()).isFalse();
        assertThat(image.filename()).isEqualTo("c1.tar.xz");
        assertThat(made.get()).isEqualTo(image.size());
        assertThat(image.aliases()).extracting(a -> a.name()).containsExactly("pub");

        instances.launch(new LaunchRequest(new ImageRef("local", "pub"), "c2", Map.of(), true), Progress.NONE);
        assertThat(exec("c2", null, "sh", "-c", "cat /root/made; stat -c %u /bin/busybox"))
                .isEqualTo(new Run(0, "made\n0\n"));
        instances.stop("c2", true, 0);
        assertThat(instances.list()).extracting(s -> s.instance().name()).containsExactly("c1");

        assertThatThrownBy(() -> instances.setConfig("c1", Map.of("security.privileged", "true")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot change security.privileged of a running instance; stop it first");
        assertThat(instances.get("c1").privileged()).isFalse();
        assertThatThrownBy(() -> instances.delete("c1", false)).isInstanceOf(InvalidInputException.class)
                .hasMessage("The instance is currently running, stop it first or pass --force");
        instances.stop("c1", true, 0);
        assertThat(instances.state("c1")).isEqualTo(InstanceState.STOPPED);
        assertThatThrownBy(() -> exec("c1", null, "true")).hasMessage("Instance is not running");
        instances.delete("c1", false);
        assertThat(instances.list()).isEmpty();
    }

    @Test
    void anEphemeralInstanceThatPowersItselfOffIsDeletedWhenImgshNextLooks() throws Exception {
        fx.importFile(fx.file("busybox.tar", HostTar.busyboxImage(HostTar.BUSYBOX_METADATA, "hostname.tpl",
                "{{ instance.name }}\n").build(Compression.NONE)), "busybox");
        instances.create(new LaunchRequest(new ImageRef("local", "busybox"), "e2", Map.of(), true), Progress.NONE);
        instances.launch(new LaunchRequest(new ImageRef("local", "busybox"), "e1", Map.of(), true), Progress.NONE);
        assertThat(exec("e1", null, "busybox", "poweroff").status()).isZero();
        Lxc lxc = new Lxc(fx.home.resolve("instances"));
        while (!lxc.stopped("e1")) {
            Thread.sleep(50);
        }
        assertThat(instances.names()).as("names() settles nothing").contains("e1");
        assertThat(fx.home.resolve("instances/e1")).as("until imgsh looks").isDirectory();
        assertThatThrownBy(() -> instances.state("e1")).as("state settles as status and list do")
                .isInstanceOf(NotFoundException.class);
        assertThat(fx.home.resolve("instances/e1")).doesNotExist();
        assertThat(instances.list()).extracting(s -> s.instance().name()).containsExactly("e2");
    }

    @Test
    void anImageWithoutInitDoesNotStart() {
        fx.importFile(fx.file("noinit.tar.gz", new HostTar().file("metadata.yaml", 0644, 0, HostTar.BUSYBOX_METADATA)
                .dir("templates/", 0755).file("templates/hostname.tpl", 0644, 0, "x\n")
                .dir("rootfs/", 0755).dir("rootfs/etc/", 0755).build(Compression.GZIP)), "noinit");
        instances.create(new LaunchRequest(new ImageRef("local", "noinit"), "c3", Map.of(), false), Progress.NONE);
        assertThatThrownBy(() -> instances.start("c3")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Failed to start instance \"c3\": no /sbin/init in its rootfs");
        assertThat(instances.state("c3")).isEqualTo(InstanceState.STOPPED);

        // an ephemeral instance whose init cannot run is never recorded RUNNING: it never ran, so it is kept
        instances.create(new LaunchRequest(new ImageRef("local", "noinit"), "e3",
                Map.of("raw.lxc", "lxc.init.cmd = /nonexistent"), true), Progress.NONE);
        assertThatThrownBy(() -> instances.start("e3")).hasMessageStartingWith("Failed to start instance \"e3\": ");
        assertThat(instances.get("e3").config()).doesNotContainKey("volatile.last_state.power");
        assertThat(instances.list()).extracting(s -> s.instance().name()).containsExactly("c3", "e3");
    }

    @Test
    void aForcedStopOrDeleteEndsAGracefulStopWhoseInitIgnoresIt() throws Exception {
        fx.importFile(fx.file("busybox.tar", HostTar.busyboxImage(HostTar.BUSYBOX_METADATA, "hostname.tpl",
                "{{ instance.name }}\n").build(Compression.NONE)), "busybox");
        // an init that notes the shutdown request (SIGPWR, lxc-stop's default) and carries on
        instances.create(new LaunchRequest(new ImageRef("local", "busybox"), "c1",
                Map.of("raw.lxc", "lxc.init.cmd = /deaf"), false), Progress.NONE);
        String deaf = "#!/bin/sh\ntrap 'touch /asked' PWR\nwhile :; do sleep 1000 & wait; done\n";
        instances.push("c1", new ByteArrayInputStream(deaf.getBytes(StandardCharsets.UTF_8)), "/deaf",
                new FileMode(null, null, 0755, false));
        Path asked = fx.home.resolve("instances/c1/rootfs/asked");

        instances.start("c1");
        CompletableFuture<Object> graceful = inThread(() -> instances.stop("c1", false, -1));
        awaitFile(asked);
        assertThat(inThread(() -> instances.stop("c1", true, 0)).get(GUARD_SECONDS, TimeUnit.SECONDS)).isNull();
        assertThat(graceful.get(GUARD_SECONDS, TimeUnit.SECONDS)).as("the graceful stop ends with it").isNull();
        assertThat(instances.get("c1").config()).containsEntry("volatile.last_state.power", "STOPPED");

        Files.delete(asked);
        instances.start("c1");
        graceful = inThread(() -> instances.stop("c1", false, -1));
        awaitFile(asked);
        assertThat(inThread(() -> instances.delete("c1", true)).get(GUARD_SECONDS, TimeUnit.SECONDS)).isNull();
        assertThat(graceful.get(GUARD_SECONDS, TimeUnit.SECONDS)).as("the graceful stop ends with it").isNull();
        assertThat(instances.list()).isEmpty();
        assertThat(fx.home.resolve("instances/c1")).doesNotExist();
    }

    /** Waits for the instance to have made {@code file}; the guard turns a hang into a failure. */
    private static void awaitFile(Path file) throws Exception {
        try (WatchService watch = file.getFileSystem().newWatchService()) {
            file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            while (!Files.exists(file)) {
                WatchKey key = watch.poll(GUARD_SECONDS, TimeUnit.SECONDS);
                assertThat(key).as(file + " made").isNotNull();
                key.pollEvents();
                key.reset();
            }
        }
    }

    /** Null when {@code call} returns, else what it throws, in a thread of its own. */
    private static CompletableFuture<Object> inThread(Runnable call) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                call.run();
                result.complete(null);
            } catch (RuntimeException | Error e) {
                result.complete(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static PublishRequest publish(String name, boolean force) {
        return new PublishRequest(name, "local", List.of("pub"), false, "xz", force, Map.of("note", "published"));
    }

    record Run(int status, String out) {
    }

    private Run exec(String name, String stdin, String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = instances.exec(name, List.of(command),
                stdin == null ? null : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err);
        return new Run(status, out.toString(StandardCharsets.UTF_8));
    }
}
