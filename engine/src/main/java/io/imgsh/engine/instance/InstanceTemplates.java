package io.imgsh.engine.instance;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.format.ImageMetadata;
import io.imgsh.engine.format.Messages;
import io.imgsh.engine.format.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
 * files are read only from the instance's own {@code templates/}. Every template is rendered before any file is
 * written, so a template that fails leaves the rootfs as it was.
 */
final class InstanceTemplates {
    private static final int MAX_TEMPLATE_BYTES = 1 << 20;

    private final TemplateEngine engine = new TemplateEngine();

    /** A rendered target, to be written. */
    private record Rendered(Path target, byte[] content) {
    }

    /** Applies the templates of each of {@code triggers} in turn, as if each trigger's were written before the next. */
    void apply(Path dir, Instance instance, List<String> triggers) throws IOException {
        ImageMetadata metadata = InstanceFiles.metadata(dir);
        Path rootfs = dir.resolve(InstanceFiles.ROOTFS);
        List<Rendered> writes = new ArrayList<>();
        Set<Path> made = new HashSet<>();
        for (String trigger : triggers) {
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
                String rendered = engine.render(template.template(), source(dir, template.template()),
                        context(instance, template, path, trigger));
                writes.add(new Rendered(target, rendered.getBytes(StandardCharsets.UTF_8)));
                made.add(target);
            }
        }
        for (Rendered write : writes) {
            write(rootfs, write, instance.idOffset());
        }
    }

    private static void write(Path rootfs, Rendered write, int idOffset) throws IOException {
        Path target = write.target();
        if (attributes(target) != null) {
            Files.write(target, write.content(), StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            return;
        }
        Path parent = target.getParent();
        if (!parent.equals(rootfs) && attributes(parent) == null) {
            Files.createDirectories(parent);
        }
        Files.write(target, write.content(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
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
