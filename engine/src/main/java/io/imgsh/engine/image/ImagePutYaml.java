package io.imgsh.engine.image;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.json.ApiTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the YAML that {@code image edit} accepts ({@code api.ImagePut}). Unknown keys are ignored as LXD ignores
 * them; a missing {@code expires_at} keeps the old expiry and missing {@code profiles} means {@code [default]}.
 */
public final class ImagePutYaml {
    private static final int MAX_DOCUMENT = 1 << 20;
    private static final Set<String> TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On",
            "ON");
    private static final Set<String> FALSE = Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off",
            "Off", "OFF");

    private ImagePutYaml() {
    }

    public static ImagePut parse(String text) {
        if (text.isBlank()) {
            throw empty();
        }
        // SnakeYAML does not count comments against the code point limit, and scans long ones slowly.
        if (text.length() > MAX_DOCUMENT) {
            throw new InvalidInputException("yaml: the document is larger than 1 MiB");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_DOCUMENT);
        Node root;
        try {
            root = new Yaml(options).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new InvalidInputException("yaml: line " + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new InvalidInputException("yaml: " + e.getMessage().lines().findFirst().orElse("invalid document"));
        }
        if (root == null || isNull(root)) {
            throw empty(); // "---", "~": as empty as no text at all, and never a reason to wipe the image
        }
        if (!(root instanceof MappingNode mapping)) {
            throw unmarshal(root, "api.ImagePut");
        }
        boolean autoUpdate = false;
        boolean isPublic = false;
        Map<String, String> properties = new LinkedHashMap<>();
        Instant expiresAt = null;
        List<String> profiles = null;
        for (NodeTuple t : mapping.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
            Node value = t.getValueNode();
            switch (key) {
                case "auto_update" -> autoUpdate = bool(value);
                case "public" -> isPublic = bool(value);
                case "properties" -> properties = stringMap(value);
                case "expires_at" -> expiresAt = time(value);
                case "profiles" -> profiles = stringList(value);
                default -> {
                    // ignored, as LXD ignores unknown fields
                }
            }
        }
        return new ImagePut(autoUpdate, properties, isPublic, expiresAt, profiles);
    }

    private static InvalidInputException empty() {
        return new InvalidInputException("Empty YAML: nothing changed (give the full image definition)");
    }

    /**
     * YAML 1.1 booleans as Go's yaml.v2 (which LXD uses) resolves plain scalars: {@code yes}, {@code on} and
     * {@code y} are true. SnakeYAML tags all of them but {@code y}/{@code n} as bool; those stay plain strings.
     */
    private static boolean bool(Node node) {
        if (node instanceof ScalarNode s
                && (s.getTag().equals(Tag.BOOL) || s.getTag().equals(Tag.STR) && s.isPlain())) {
            if (TRUE.contains(s.getValue())) {
                return true;
            }
            if (FALSE.contains(s.getValue())) {
                return false;
            }
        }
        if (isNull(node)) {
            return false;
        }
        throw unmarshal(node, "bool");
    }

    private static Map<String, String> stringMap(Node node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (isNull(node)) {
            return out;
        }
        if (!(node instanceof MappingNode m)) {
            throw unmarshal(node, "map[string]string");
        }
        for (NodeTuple t : m.getValue()) {
            out.put(string(t.getKeyNode()), string(t.getValueNode()));
        }
        return out;
    }

    private static List<String> stringList(Node node) {
        if (isNull(node)) {
            return null;
        }
        if (!(node instanceof SequenceNode seq)) {
            throw unmarshal(node, "[]string");
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            out.add(string(item));
        }
        return out;
    }

    private static Instant time(Node node) {
        if (isNull(node)) {
            return null;
        }
        String text = scalar(node, "time.Time");
        try {
            return ApiTime.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("yaml: line " + line(node) + ": " + e.getMessage());
        }
    }

    /** A scalar's text as a Go string field gets it: a null is "" (and an empty property is then dropped). */
    private static String string(Node node) {
        return isNull(node) ? "" : scalar(node, "string");
    }

    private static String scalar(Node node, String type) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw unmarshal(node, type);
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    private static InvalidInputException unmarshal(Node node, String type) {
        String shown = node instanceof ScalarNode s ? " `" + s.getValue() + "`" : "";
        return new InvalidInputException("yaml: unmarshal errors: line " + line(node) + ": cannot unmarshal "
                + node.getTag().getValue().replace("tag:yaml.org,2002:", "!!") + shown + " into " + type);
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
