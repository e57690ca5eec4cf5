package io.imgsh.engine.format;

import io.imgsh.engine.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Safe, bounded YAML loading into plain maps and lists whose scalars keep their source text, the way
 * Go's yaml gives LXD {@code "1.10"} for {@code release: 1.10} where a number would print as 1.1.
 */
final class YamlTree {

    /** A scalar as SafeConstructor builds it ({@code value}: String, Integer, Boolean, null, …) and as written. */
    record Scalar(Object value, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Every tag SafeConstructor knows, with the kind of node it applies to. */
    private static final Map<Tag, NodeId> KINDS = Map.ofEntries(
            Map.entry(Tag.NULL, NodeId.scalar), Map.entry(Tag.BOOL, NodeId.scalar), Map.entry(Tag.INT, NodeId.scalar),
            Map.entry(Tag.FLOAT, NodeId.scalar), Map.entry(Tag.BINARY, NodeId.scalar),
            Map.entry(Tag.TIMESTAMP, NodeId.scalar), Map.entry(Tag.STR, NodeId.scalar),
            Map.entry(Tag.SEQ, NodeId.sequence), Map.entry(Tag.OMAP, NodeId.sequence),
            Map.entry(Tag.PAIRS, NodeId.sequence), Map.entry(Tag.MAP, NodeId.mapping), Map.entry(Tag.SET, NodeId.mapping));

    private YamlTree() {
    }

    /**
     * Parses one YAML document: maps, lists and {@link Scalar}s; null for an empty document. Its size is bounded
     * before it is built ({@link YamlBounds}), and the loader's own limits bound aliases, nesting and length.
     *
     * @throws InvalidInputException {@code Invalid metadata.yaml: …} with a one-line reason
     */
    static Object load(byte[] yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(YamlBounds.MAX_DEPTH);
        options.setCodePointLimit(MetadataReader.MAX_METADATA_BYTES);
        options.setAllowDuplicateKeys(false);
        Yaml parser = new Yaml(new TextKeepingConstructor(options));
        try {
            YamlBounds.check(parser, yaml);
            return parser.load(new ByteArrayInputStream(yaml));
        } catch (MarkedYAMLException e) {
            throw invalid(describe(e));
        } catch (YAMLException e) {
            throw invalid(String.valueOf(e.getMessage()));
        }
    }

    static InvalidInputException invalid(String reason) {
        return new InvalidInputException("Invalid metadata.yaml: " + Messages.printable(reason).strip());
    }

    private static String describe(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
        // "while parsing …" contexts only add noise, but some problems need theirs
        // ("expected a single document in the stream" / "but found another document").
        if (e.getProblem() != null && e.getContext() != null && !e.getContext().startsWith("while ")) {
            problem = e.getContext() + ", " + problem;
        }
        return mark == null ? problem : "line " + (mark.getLine() + 1) + ": " + problem;
    }

    /**
     * SafeConstructor (standard tags only) with every scalar wrapped as a {@link Scalar}, and a tag
     * on the wrong kind of node ({@code !!str {a: b}}, {@code !!seq abc}) reported as a YAML error
     * where SafeConstructor would throw a ClassCastException.
     */
    private static final class TextKeepingConstructor extends SafeConstructor {
        TextKeepingConstructor(LoaderOptions options) {
            super(options);
            KINDS.forEach((tag, kind) -> yamlConstructors.put(tag, new Checked(tag, kind, yamlConstructors.get(tag))));
        }
    }

    private record Checked(Tag tag, NodeId kind, Construct standard) implements Construct {
        @Override
        public Object construct(Node node) {
            if (node == null) {
                return null; // an empty document
            }
            if (node.getNodeId() != kind) {
                throw new TagMismatch("found a " + node.getNodeId() + " tagged " + tag.getValue(), node.getStartMark());
            }
            Object value = standard.construct(node);
            return node instanceof ScalarNode scalar ? new Scalar(value, scalar.getValue()) : value;
        }

        @Override
        public void construct2ndStep(Node node, Object object) {
            standard.construct2ndStep(node, object);
        }
    }

    private static final class TagMismatch extends MarkedYAMLException {
        TagMismatch(String problem, Mark mark) {
            super(null, null, problem, mark);
        }
    }
}
