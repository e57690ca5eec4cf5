package io.imgsh.engine.instance;

import io.imgsh.engine.format.ImageMetadata;
import io.imgsh.engine.format.Template;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The metadata.yaml of an image published from an instance, as LXD writes it: the instance's architecture, created
 * now, no expiry, the source image's properties with the given ones over them, and the source image's templates.
 */
final class PublishedMetadata {
    private PublishedMetadata() {
    }

    static byte[] of(ImageMetadata source, Map<String, String> imageProperties, Map<String, String> extra,
                     Instant now) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("architecture", source.architecture());
        top.put("creation_date", now.getEpochSecond());
        top.put("expiry_date", 0);
        Map<String, String> properties = new TreeMap<>(imageProperties);
        properties.putAll(extra);
        top.put("properties", properties);
        Map<String, Object> templates = new LinkedHashMap<>();
        for (Map.Entry<String, Template> t : source.templates().entrySet()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("when", t.getValue().when());
            if (t.getValue().createOnly()) {
                rule.put("create_only", true);
            }
            rule.put("template", t.getValue().template());
            if (!t.getValue().properties().isEmpty()) {
                rule.put("properties", t.getValue().properties());
            }
            templates.put(t.getKey(), rule);
        }
        top.put("templates", templates);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(top).getBytes(StandardCharsets.UTF_8);
    }
}
