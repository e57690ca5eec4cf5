package io.imgsh.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Templates of metadata.yaml deferred by create to the first start ({@code volatile.apply_template}) and rendered
 * there with LXD's context, with those of start; hostile ones kept inside. The start step is
 * {@link Instances#prepareStart}, all that start does before lxc-start.
 */
class InstanceTemplatesTest extends ImageFixtureTest {
    private static final String METADATA = """
            architecture: x86_64
            creation_date: 1700000000
            templates:
              /etc/hostname:
                when: [create, copy]
                template: hostname.tpl
              /etc/motd:
                when: [start]
                create_only: true
                template: motd.tpl
                properties:
                  greeting: hi
              /etc/started:
                when: [start]
                template: started.tpl
            """;

    Instances instances;

    @BeforeEach
    void setUp() {
        Root.requireLxc();
        instances = fx.engine.instances();
    }

    @Test
    void createDefersItsTemplatesToTheFirstStartWhichSeesTheConfigSetMeanwhile() throws Exception {
        image("t", METADATA, new HostTar().dir("rootfs/", 0755).dir("rootfs/etc/", 0755)
                        .file("rootfs/etc/hostname", 0644, 0, "image\n"),
                "hostname.tpl", "{{ container.name }} {{ config_get(\"user.x\", \"d\") }} {{ trigger }}\n",
                "motd.tpl", "{{ config_get(\"user.x\", \"d\") }} {{ trigger }} {{ properties.greeting }} {{ path }}\n",
                "started.tpl",
                "{{ instance.name }} {{ instance.privileged }} {{ config_get(\"user.y\", \"dflt\") }}\n");
        Instance c1 = instances.create(request("t", "c1", Map.of("user.x", "1")), Progress.NONE).instance();
        assertThat(c1.config()).containsEntry("volatile.apply_template", "create")
                .doesNotContainKey("volatile.last_state.power");
        Path rootfs = fx.home.resolve("instances/c1/rootfs");
        assertThat(rootfs.resolve("etc/hostname")).hasContent("image");
        instances.setConfig("c1", Map.of("user.x", "2"));

        Instance started = instances.prepareStart("c1");
        assertThat(started.config()).doesNotContainKey("volatile.apply_template")
                .as("recorded RUNNING only once lxc-start started it").doesNotContainKey("volatile.last_state.power")
                .containsEntry("user.x", "2");
        assertThat(instances.get("c1")).isEqualTo(started);
        assertThat(rootfs.resolve("etc/hostname")).hasContent("c1 2 create");
        assertThat(Files.getAttribute(rootfs.resolve("etc/hostname"), "unix:uid")).isEqualTo(1_000_000);
        assertThat(rootfs.resolve("etc/motd")).hasContent("2 start hi /etc/motd");
        assertThat(Files.getAttribute(rootfs.resolve("etc/motd"), "unix:uid")).isEqualTo(1_000_000);
        assertThat(rootfs.resolve("etc/started")).hasContent("c1 false dflt");

        Files.writeString(rootfs.resolve("etc/hostname"), "changed\n");
        Files.writeString(rootfs.resolve("etc/motd"), "changed\n");
        Files.writeString(rootfs.resolve("etc/started"), "changed\n");
        instances.prepareStart("c1");
        assertThat(rootfs.resolve("etc/hostname")).as("create applied once").hasContent("changed");
        assertThat(rootfs.resolve("etc/motd")).as("create_only").hasContent("changed");
        assertThat(rootfs.resolve("etc/started")).hasContent("c1 false dflt");
    }

    @Test
    void aHostileTemplateFailsTheStartLeavingItsTriggersTargetsAsTheyWereUntilItIsFixed() throws Exception {
        String[] hostile = {"{% include \"/etc/passwd\" %}", "{% import \"/etc/passwd\" %}",
                "{% for i in range(0, 999999999) %}{% endfor %}", "{% for i in 0..999999999 %}{% endfor %}",
                "{% for a in config %}{% for b in config %}{% for c in config %}x{% endfor %}{% endfor %}{% endfor %}",
                "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "{{ container.getClass().forName(\"x\") }}"};
        for (int i = 0; i < hostile.length; i++) {
            String name = "c" + i;
            // a hostile create template: nothing written, the trigger kept for the next start
            image(name, METADATA, new HostTar(), "hostname.tpl", hostile[i], "motd.tpl", "m\n", "started.tpl", "s\n");
            Instance created = instances.create(request(name, name, Map.of()), Progress.NONE).instance();
            assertThatThrownBy(() -> instances.prepareStart(name))
                    .as(hostile[i]).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("Failed to render template hostname.tpl: ").hasMessageNotContaining("\n");
            assertThat(instances.get(name)).isEqualTo(created);
            assertThat(etc(name)).as("nothing written").isEmpty();
            assertThat(fx.home.resolve("instances/" + name + "/.rendered")).doesNotExist();
        }
        // a hostile start template: as LXD's start hook, the create templates were written and the key removed first
        image("h", METADATA, new HostTar(), "hostname.tpl", "{{ container.name }}\n", "motd.tpl", "m\n",
                "started.tpl", hostile[0]);
        Instance created = instances.create(request("h", "h1", Map.of()), Progress.NONE).instance();
        assertThatThrownBy(() -> instances.prepareStart("h1")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Failed to render template started.tpl: ");
        assertThat(instances.get("h1")).isEqualTo(created.with("volatile.apply_template", null));
        assertThat(etc("h1")).as("no start template written").containsExactly("hostname");
        Path hostname = fx.home.resolve("instances/h1/rootfs/etc/hostname");
        assertThat(hostname).hasContent("h1");
        Files.writeString(hostname, "changed\n");
        Files.writeString(fx.home.resolve("instances/h1/templates/started.tpl"), "fixed\n");
        instances.prepareStart("h1");
        assertThat(hostname).as("create applied once").hasContent("changed");
        assertThat(fx.home.resolve("instances/h1/rootfs/etc/started")).hasContent("fixed");
    }

    private List<String> etc(String name) throws Exception {
        try (Stream<Path> etc = Files.list(fx.home.resolve("instances/" + name + "/rootfs/etc"))) {
            return etc.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void targetsAndTemplateFilesStayInsideTheInstance() throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        image("escape", """
                architecture: x86_64
                creation_date: 1700000000
                templates:
                  /../../../escaped:
                    when: [create]
                    template: a.tpl
                  /etc/evil/file:
                    when: [create]
                    template: a.tpl
                """, new HostTar().dir("rootfs/etc/", 0755).symlink("rootfs/etc/evil", outside.toString()),
                "a.tpl", "x\n");
        instances.create(request("escape", "c1", Map.of()), Progress.NONE);
        instances.prepareStart("c1");
        Path rootfs = fx.home.resolve("instances/c1/rootfs");
        assertThat(rootfs.resolve("escaped")).hasContent("x");
        assertThat(rootfs.resolve(outside.toString().substring(1)).resolve("file")).hasContent("x");
        try (Stream<Path> written = Files.list(outside)) {
            assertThat(written).isEmpty();
        }

        image("stolen", METADATA, new HostTar().symlink("templates/hostname.tpl", "/etc/passwd"));
        instances.create(request("stolen", "c2", Map.of()), Progress.NONE);
        assertThatThrownBy(() -> instances.prepareStart("c2"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Template file hostname.tpl is missing or not a regular file under templates/");
    }

    @Test
    void privilegedInstancesKeepTheImagesIdsAndBadRequestsLeaveNothing() throws Exception {
        image("t", METADATA, new HostTar(), "hostname.tpl", "{{ instance.privileged }}\n", "motd.tpl", "m\n",
                "started.tpl", "s\n");
        instances.create(request("t", "p1", Map.of("security.privileged", "true", "raw.lxc", "lxc.init.cmd = /bin/sh")),
                Progress.NONE);
        instances.prepareStart("p1");
        Path dir = fx.home.resolve("instances/p1");
        assertThat(Files.readString(dir.resolve("rootfs/etc/hostname"))).isEqualTo("true\n");
        assertThat(Files.getAttribute(dir.resolve("rootfs/etc/hostname"), "unix:uid")).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("config"))).doesNotContain("lxc.idmap")
                .contains("lxc.net.0.type = empty\n").endsWith("lxc.init.cmd = /bin/sh\n");

        assertThatThrownBy(() -> instances.create(request("t", "c1", Map.of("limits.cpu", "1")), Progress.NONE))
                .hasMessage("Invalid config: Unknown configuration key: limits.cpu");
        assertThatThrownBy(() -> instances.create(request("t", "c1", Map.of("security.privileged", "yes")),
                Progress.NONE)).hasMessageStartingWith("Invalid config: Invalid value for security.privileged");
        assertThatThrownBy(() -> instances.create(request("t", "1bad", Map.of()), Progress.NONE))
                .hasMessageStartingWith("Invalid instance name \"1bad\"");
        assertThatThrownBy(() -> instances.create(request("nosuch", "c1", Map.of()), Progress.NONE))
                .hasMessage("Image not found");
        assertThatThrownBy(() -> instances.create(request("t", "p1", Map.of()), Progress.NONE))
                .hasMessage("Instance \"p1\" already exists");
        assertThat(instances.names()).containsExactly("p1");
        try (Stream<Path> left = Files.list(fx.home.resolve("instances"))) {
            assertThat(left).extracting(p -> p.getFileName().toString()).containsExactly("p1");
        }
    }

    /** Imports an image with {@code metadata}, the extra entries of {@code extra}, and templates (name, text …). */
    private void image(String alias, String metadata, HostTar extra, String... templates) {
        HostTar tar = extra.file("metadata.yaml", 0644, 0, metadata).dir("templates/", 0755);
        for (int i = 0; i < templates.length; i += 2) {
            tar.file("templates/" + templates[i], 0644, 0, templates[i + 1]);
        }
        tar.dir("rootfs/", 0755).dir("rootfs/etc/", 0755).dir("rootfs/sbin/", 0755)
                .file("rootfs/sbin/init", 0755, 0, "");
        fx.importFile(fx.file(alias + ".tar", tar.build(Compression.NONE)), alias);
    }

    private static LaunchRequest request(String alias, String name, Map<String, String> config) {
        return new LaunchRequest(new ImageRef("local", alias), name, config, false);
    }
}
