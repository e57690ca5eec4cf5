package io.imgsh.shell.render;

import io.imgsh.engine.json.ApiTime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.serializer.Serializer;

/**
 * YAML as Go yaml.v2 (2.4.0) marshals it, which is what {@code lxc image show} and
 * {@code --format yaml} print: block style, 2-space indent, sequences in a mapping at the key's
 * indent, empty collections as {@code {}} / {@code []}, strings double-quoted only when their plain
 * form would read back as another type, lines folded at 80 columns.
 *
 * <p>The tree may hold Map, Collection, String, Boolean, Number, {@link Instant} (printed as a plain
 * RFC3339Nano timestamp, as Go prints a time.Time), null, and any Jackson-serialisable object, which
 * is converted first so that {@code @JsonProperty} names and order apply. A Map keeps its iteration
 * order (a Go struct), except a {@link SortedMap}, which stands for a Go map and is printed in
 * yaml.v2's key order.
 */
public final class YamlWriter {
    private static final DumperOptions OPTIONS = options();
    private static final GoYamlResolver RESOLVER = new GoYamlResolver();
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new SimpleModule()
            .addSerializer(Instant.class, new Embedded<>(Instant.class))
            .addSerializer(SortedMap.class, new Embedded<>(SortedMap.class)));

    private YamlWriter() {
    }

    public static String write(Object tree) {
        StringWriter out = new StringWriter();
        Serializer serializer = new Serializer(new Emitter(out, OPTIONS), RESOLVER, OPTIONS, null);
        try {
            serializer.open();
            serializer.serialize(node(tree));
            serializer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Node node(Object value) {
        if (value == null) {
            return scalar(Tag.NULL, "null");
        }
        if (value instanceof String s) {
            ScalarStyle style = s.contains("\n") ? ScalarStyle.LITERAL
                    : GoYamlResolver.needsQuotes(s) ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.PLAIN;
            return new ScalarNode(Tag.STR, s, null, null, style);
        }
        if (value instanceof Boolean b) {
            return scalar(Tag.BOOL, b.toString());
        }
        if (value instanceof Instant t) {
            return scalar(Tag.TIMESTAMP, ApiTime.format(t));
        }
        if (value instanceof Number n) {
            return number(n);
        }
        if (value instanceof Map<?, ?> map) {
            return mapping(map);
        }
        if (value instanceof Collection<?> items) {
            List<Node> nodes = new ArrayList<>();
            items.forEach(item -> nodes.add(node(item)));
            return new SequenceNode(Tag.SEQ, nodes, FlowStyle.BLOCK);
        }
        Object converted = MAPPER.convertValue(value, Object.class);
        if (converted != null && converted.getClass() == value.getClass()) {
            // Jackson hands some types (byte[]) back as they are; converting again would never end.
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as YAML");
        }
        return node(converted);
    }

    private static Node mapping(Map<?, ?> map) {
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        if (map instanceof SortedMap) {
            entries.sort((a, b) -> GoYamlKeyOrder.INSTANCE.compare(
                    String.valueOf(a.getKey()), String.valueOf(b.getKey())));
        }
        List<NodeTuple> tuples = new ArrayList<>();
        for (Map.Entry<?, ?> entry : entries) {
            tuples.add(new NodeTuple(node(entry.getKey()), node(entry.getValue())));
        }
        return new MappingNode(Tag.MAP, tuples, FlowStyle.BLOCK);
    }

    private static Node number(Number n) {
        if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
            // Go prints a float such as 1.0 as "1", which then reads back as an int; tag it as that
            // so the emitter keeps it plain, as Go does.
            String text = goFloat(n);
            return scalar(GoYamlResolver.tagOf(text), text);
        }
        return scalar(Tag.INT, n.toString());
    }

    /** Go strconv.FormatFloat(f, 'g', -1, bits) with yaml.v2's names for NaN and the infinities. */
    private static String goFloat(Number n) {
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        BigDecimal shortest = shortestDecimal(n);
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent >= -4 && exponent < 6) {
            return shortest.toPlainString();
        }
        String digits = shortest.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + String.format(Locale.ROOT, "e%+03d", exponent);
    }

    /** The fewest significant digits that read back as the same value (Java 17's toString may use more). */
    private static BigDecimal shortestDecimal(Number n) {
        BigDecimal exact = new BigDecimal(n.doubleValue());
        for (int digits = 1; ; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            boolean same = n instanceof Float
                    ? candidate.floatValue() == n.floatValue() : candidate.doubleValue() == n.doubleValue();
            if (same) {
                return candidate.stripTrailingZeros();
            }
        }
    }

    private static Node scalar(Tag tag, String value) {
        return new ScalarNode(tag, value, null, null, ScalarStyle.PLAIN);
    }

    private static DumperOptions options() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(80);
        options.setAllowUnicode(true);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        return options;
    }

    /** Keeps a value as itself through Jackson's conversion so that {@link #node} sees its type. */
    private static final class Embedded<T> extends StdSerializer<T> {
        Embedded(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeEmbeddedObject(value);
        }
    }
}
