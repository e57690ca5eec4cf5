package io.imgsh.engine.format;

import static io.imgsh.engine.format.YamlTree.invalid;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * How many values a metadata.yaml may hold, checked on SnakeYAML's event stream, which holds one event at a time,
 * before any tree is built: a document under the size cap can still hold so many small values that its tree takes
 * far more memory than the file (85,000 properties exhaust a 64 MiB heap).
 */
final class YamlBounds {
    /** Entries of one mapping or sequence: LXD images carry a few dozen properties, a few hundred at most. */
    static final int MAX_ENTRIES = 1024;
    /** Nodes (scalars, aliases, mappings, sequences) of the whole document. */
    static final int MAX_NODES = 16 * MAX_ENTRIES;
    /** Mappings and sequences inside one another; the loader's own limit is set to the same. */
    static final int MAX_DEPTH = 20;

    private YamlBounds() {
    }

    /**
     * Streams {@code yaml} through {@code parser}'s event parser.
     *
     * @throws io.imgsh.engine.InvalidInputException naming the collection that has too many entries, or the limit
     *                                               on the whole document or on nesting
     * @throws org.yaml.snakeyaml.error.YAMLException when the document is not valid YAML
     */
    static void check(Yaml parser, byte[] yaml) {
        Deque<Collection> open = new ArrayDeque<>();
        int nodes = 0;
        for (Event event : parser.parse(new UnicodeReader(new ByteArrayInputStream(yaml)))) {
            if (event instanceof NodeEvent) {
                if (++nodes > MAX_NODES) {
                    throw invalid("the document holds more than " + MAX_NODES + " values");
                }
                Collection parent = open.peek();
                String key = parent == null ? null : parent.add(event);
                if (event instanceof MappingStartEvent || event instanceof SequenceStartEvent) {
                    if (open.size() == MAX_DEPTH) {
                        throw invalid("nesting deeper than " + MAX_DEPTH + " levels");
                    }
                    open.push(new Collection(parent, key, event instanceof MappingStartEvent));
                }
            } else if (event instanceof CollectionEndEvent) {
                open.pop();
            }
        }
    }

    /**
     * An open mapping or sequence: where it is (its parent, and its key there when the parent is a mapping), and
     * the nodes seen in it so far.
     */
    private static final class Collection {
        private final Collection parent;
        private final String key;
        private final boolean mapping;
        private int nodes;
        private String lastKey = "?";

        Collection(Collection parent, String key, boolean mapping) {
            this.parent = parent;
            this.key = key;
            this.mapping = mapping;
        }

        /** Counts one child node; returns the key it is the value of, or null for a key or a sequence item. */
        String add(Event child) {
            nodes++;
            if ((mapping ? (nodes + 1) / 2 : nodes) > MAX_ENTRIES) {
                throw invalid(name() + " has more than " + MAX_ENTRIES + " entries");
            }
            if (!mapping) {
                return null;
            }
            if (nodes % 2 == 1) {
                lastKey = child instanceof ScalarEvent scalar ? scalar.getValue() : "?";
                return null;
            }
            return lastKey;
        }

        /** The keys from the top down to this collection ({@code templates./etc/hostname.properties}). */
        private String name() {
            if (parent == null) {
                return "the top level";
            }
            if (key == null) {
                return parent.name(); // a key or a sequence item: named after where it is
            }
            return parent.parent == null ? key : parent.name() + "." + key;
        }
    }
}
