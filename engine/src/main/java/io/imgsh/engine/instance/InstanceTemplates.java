package io.imgsh.engine.instance;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.format.ImageMetadata;
import io.imgsh.engine.format.Messages;
import io.imgsh.engine.format.Template;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the templates of an instance's metadata.yaml as LXD's templateApplyNow does, for the triggers a start
 * applies: each target is rendered with LXD's context and written inside the rootfs (its path resolved there, so no
 * link leads out), owned by the instance's root; a {@code create_only} target that exists is left alone. Template
 * files are read only from the instance's own {@code templates/}. Every template of the trigger is rendered (into
 * files of {@code .rendered/} beside the rootfs, so that memory holds one at a time) before any target is written, so
 * a template that fails leaves the rootfs as it was.
 */
final class InstanceTemplates {
    private static final int MAX_TEMPLATE_BYTES = 1 << 20;
    private static final String RENDERED = ".rendered";

    /** A target and the file its content was rendered into. */
    private record Rendered(Path target, Path content) {
    }

    /**
     * The engine, made when a template is first applied: building Pebble's loads about 170 classes, which a command
     * that only lists or stops instances would load for nothing (a one-shot {@code list} loaded 249 classes from
     * outside the start-up cache, 48 without them). It keeps no state between renders.
     */
    private static final class Pebble {
        static final TemplateEngine ENGINE = new TemplateEngine();
    }

    /** Applies the templates of {@code trigger}. */
    void apply(Path dir, Instance instance, String trigger) throws IOException {
        Path rootfs = dir.resolve(InstanceFiles.ROOTFS);
        Path staging = dir.resolve(RENDERED);
        InstanceFiles.deleteTree(staging);
        Files.createDirectory(staging,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            List<Rendered> writes = render(dir, rootfs, staging, instance, trigger);
            for (Rendered write : writes) {
                write(rootfs, write, instance.idOffset());
            }
        } finally {
            InstanceFiles.deleteTree(staging);
        }
    }

    private List<Rendered> render(Path dir, Path rootfs, Path staging, Instance instance, String trigger)
            throws IOException {
        ImageMetadata metadata = InstanceFiles.metadata(dir);
        List<Rendered> writes = new ArrayList<>();
        Set<Path> made = new HashSet<>();
        for (Map.Entry<String, Template> entry : metadata.templates().entrySet()) {
            Template template = entry.getValue();
            if (!template.when().contains(trigger)) {
                continue;
            }
            String path = entry.getKey();
            Path target = RootfsPath.resolve(rootfs, path, true);
            BasicFileAttributes existing = attributes(target);
            if ((existing != null || made.contains(target)) && template.createOnly()) {
                continue;
            }
            if (existing != null && !existing.isRegularFile()) {
                throw new InvalidInputException("Template target " + Messages.printable(path) + " is not a file");
            }
            String rendered = Pebble.ENGINE.render(template.template(), source(dir, template.template()),
                    context(instance, template, path, trigger));
            Path content = Files.writeString(staging.resolve(Integer.toString(writes.size())), rendered);
            writes.add(new Rendered(target, content));
            made.add(target);
        }
        return writes;
    }

    private static void write(Path rootfs, Rendered write, int idOffset) throws IOException {
        Path target = write.target();
        if (attributes(target) != null) {
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                Files.copy(write.content(), out);
            }
            return;
        }
        Path parent = target.getParent();
        if (!parent.equals(rootfs) && attributes(parent) == null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(write.content(), out);
        }
        Files.setAttribute(target, "unix:uid", idOffset, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(target, "unix:gid", idOffset, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(target, "unix:mode", 0644, LinkOption.NOFOLLOW_LINKS);
    }

    /** The template file: a regular file inside {@code templates/}, reached through no link. */
    private static String source(Path dir, String name) throws IOException {
        Path templates = dir.resolve(InstanceFiles.TEMPLATES);
        Path file = templates.resolve(name).normalize();
        BasicFileAttributes attributes = attributes(file);
        if (!file.startsWith(templates) || attributes == null || !attributes.isRegularFile()
                || !file.toRealPath().startsWith(templates.toRealPath()) || attributes(templates).isSymbolicLink()) {
            throw new InvalidInputException("Template file " + Messages.printable(name)
                    + " is missing or not a regular file under templates/");
        }
        if (attributes.size() > MAX_TEMPLATE_BYTES) {
            throw new InvalidInputException("Template file " + Messages.printable(name) + " is larger than 1 MiB");
        }
        return Files.readString(file);
    }

    /** LXD's template context. */
    private static Map<String, Object> context(Instance instance, Template template, String path, String trigger) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("name", instance.name());
        meta.put("architecture", instance.architecture());
        meta.put("privileged", Boolean.toString(instance.privileged()));
        meta.put("ephemeral", Boolean.toString(instance.ephemeral()));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("trigger", trigger);
        context.put("path", path);
        context.put("container", meta);
        context.put("instance", meta);
        context.put("config", instance.config());
        context.put("devices", Map.of());
        context.put("properties", template.properties());
        return context;
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }
}
