package io.imgsh.engine.format;

import static io.imgsh.engine.format.Messages.printable;
import static io.imgsh.engine.format.YamlTree.invalid;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.format.YamlTree.Scalar;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates a loaded metadata.yaml the way LXD's import does, with LXD's messages where it has them. */
final class MetadataParser {
    private static final Set<String> TRIGGERS = Set.of("create", "copy", "start", "rename");

    private MetadataParser() {
    }

    static ImageMetadata parse(byte[] yaml) {
        if (yaml.length > MetadataReader.MAX_METADATA_BYTES) {
            throw new InvalidInputException(MetadataReader.TOO_LARGE);
        }
        Map<String, Object> top = mapping(YamlTree.load(yaml), "the top level");

        String architecture = string(top.get("architecture"), "architecture");
        String canonical = Architectures.canonical(architecture).orElseThrow(() ->
                new InvalidInputException("Architecture isn't supported: " + printable(architecture)));

        Instant created = instant(top.get("creation_date"), "creation_date");
        if (created.equals(Instant.EPOCH)) {
            throw new InvalidInputException("Missing creation date");
        }
        Instant expires = instant(top.get("expiry_date"), "expiry_date");

        return new ImageMetadata(canonical, created, expires,
                stringMap(top.get("properties"), "properties"), templates(top.get("templates")));
    }

    private static Map<String, Template> templates(Object node) {
        Map<String, Template> templates = new LinkedHashMap<>();
        if (!isNull(node)) {
            mapping(node, "templates").forEach((path, rule) -> templates.put(path, template(path, rule)));
        }
        return templates;
    }

    private static Template template(String path, Object node) {
        String field = "templates." + path;
        Map<String, Object> rule = mapping(node, field);
        String file = string(rule.get("template"), field + ".template");
        if (file.isEmpty()) {
            throw invalid(field + " has no template file name");
        }
        if (EntryNames.isUnsafe(file)) {
            throw invalid("unsafe template file name \"" + file + "\" for " + path);
        }
        return new Template(triggers(rule.get("when"), path), bool(rule.get("create_only"), field + ".create_only"),
                file, stringMap(rule.get("properties"), field + ".properties"));
    }

    private static List<String> triggers(Object node, String path) {
        List<String> triggers = new ArrayList<>();
        if (isNull(node)) {
            return triggers;
        }
        if (!(node instanceof List<?> list)) {
            throw invalid("templates." + path + ".when must be a list of triggers");
        }
        for (Object item : list) {
            String trigger = string(item, "templates." + path + ".when");
            if (!TRIGGERS.contains(trigger)) {
                throw new InvalidInputException(
                        "Invalid template trigger \"" + printable(trigger) + "\" for " + printable(path));
            }
            triggers.add(trigger);
        }
        return triggers;
    }

    /** Scalar text; "" for an absent or null value, as Go leaves a string field empty. */
    private static String string(Object node, String field) {
        if (isNull(node)) {
            return "";
        }
        if (!(node instanceof Scalar scalar)) {
            throw invalid(field + " must be a string");
        }
        return scalar.text();
    }

    private static boolean bool(Object node, String field) {
        if (isNull(node)) {
            return false;
        }
        if (node instanceof Scalar scalar && scalar.value() instanceof Boolean value) {
            return value;
        }
        throw invalid(field + " must be true or false");
    }

    /** Unix seconds; {@link Instant#EPOCH} for an absent or null value. */
    private static Instant instant(Object node, String field) {
        if (isNull(node)) {
            return Instant.EPOCH;
        }
        Object value = node instanceof Scalar scalar ? scalar.value() : null;
        if (value instanceof BigInteger) {
            throw invalid(field + " is out of range");
        }
        if (value instanceof Integer || value instanceof Long) {
            try {
                return Instant.ofEpochSecond(((Number) value).longValue());
            } catch (DateTimeException e) {
                throw invalid(field + " is out of range");
            }
        }
        throw invalid(field + " must be an integer (Unix seconds)");
    }

    private static Map<String, String> stringMap(Object node, String field) {
        Map<String, String> values = new LinkedHashMap<>();
        if (isNull(node)) {
            return values;
        }
        mapping(node, field).forEach((key, value) -> values.put(key, string(value, field + "." + key)));
        // Merge keys (<<: [*a, *b]) can join mappings that were each within the bound.
        if (values.size() > YamlBounds.MAX_ENTRIES) {
            throw invalid(field + " has more than " + YamlBounds.MAX_ENTRIES + " entries");
        }
        return values;
    }

    /** A YAML mapping with its keys as text, in file order. */
    private static Map<String, Object> mapping(Object node, String field) {
        if (!(node instanceof Map<?, ?> map)) {
            throw invalid(field + " must be a mapping");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof Scalar key)) {
                throw invalid("keys of " + field + " must be strings");
            }
            String name = string(key, field);
            if (result.containsKey(name)) {
                throw invalid("duplicate key \"" + name + "\" in " + field);
            }
            result.put(name, entry.getValue());
        }
        return result;
    }

    private static boolean isNull(Object node) {
        return node == null || node instanceof Scalar scalar && scalar.value() == null;
    }
}
