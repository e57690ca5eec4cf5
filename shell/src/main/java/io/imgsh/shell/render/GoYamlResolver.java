package io.imgsh.shell.render;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Implicit typing of plain scalars as Go yaml.v2 (2.4.0) resolves them. It decides which strings
 * must be quoted, and SnakeYAML's serializer uses it to accept our plain ints, bools and timestamps.
 */
final class GoYamlResolver extends Resolver {
    private static final Map<String, Tag> WORDS = words();
    private static final Pattern DOT_FLOAT = Pattern.compile("\\.[0-9]+(?:[eE][-+]?[0-9]+)?");
    private static final Pattern YAML_FLOAT =
            Pattern.compile("[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?");
    private static final Pattern GO_INT =
            Pattern.compile("([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)");
    private static final Pattern BASE60_FLOAT =
            Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
    // Go's time.Parse with "2006-1-2T15:4:5.999999999Z07:00", its lower-case "t" twin,
    // "2006-1-2 15:4:5.999999999" and "2006-1-2"; ranges are checked in isTimestamp.
    private static final Pattern TIMESTAMP = Pattern.compile("([0-9]{4})-([0-9]{1,2}+)-([0-9]{1,2}+)"
            + "(?:([Tt ])([0-9]{1,2}+):([0-9]{1,2}+):([0-9]{1,2}+)(?:[.,][0-9]{1,9}+)?"
            + "(Z|[-+][0-9]{2}:[0-9]{2})?)?");
    private static final BigInteger INT64_MIN_MAGNITUDE = BigInteger.ONE.shiftLeft(63);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
        return kind == NodeId.scalar && implicit ? tagOf(value) : super.resolve(kind, value, implicit);
    }

    /** yaml.v2 quotes a string whose plain form would read back as another type, or as a base-60 float. */
    static boolean needsQuotes(String s) {
        return !tagOf(s).equals(Tag.STR) || BASE60_FLOAT.matcher(s).matches();
    }

    static Tag tagOf(String s) {
        Tag word = WORDS.get(s);
        if (word != null) {
            return word;
        }
        char first = s.charAt(0);
        if (first == '.') {
            return DOT_FLOAT.matcher(s).matches() && isFinite(s) ? Tag.FLOAT : Tag.STR;
        }
        if (first != '+' && first != '-' && (first < '0' || first > '9')) {
            return Tag.STR;
        }
        if (isTimestamp(s)) {
            return Tag.TIMESTAMP;
        }
        String plain = s.replace("_", "");
        if (isGoInt(plain)) {
            return Tag.INT;
        }
        return YAML_FLOAT.matcher(plain).matches() && isFinite(plain) ? Tag.FLOAT : Tag.STR;
    }

    /** Go strconv.ParseInt(s, 0, 64), falling back to ParseUint(s, 0, 64) as yaml.v2 does. */
    private static boolean isGoInt(String s) {
        Matcher m = GO_INT.matcher(s);
        if (!m.matches()) {
            return false;
        }
        String number = m.group(2);
        BigInteger magnitude = switch (number.length() > 1 ? Character.toLowerCase(number.charAt(1)) : ' ') {
            case 'x' -> new BigInteger(number.substring(2), 16);
            case 'o' -> new BigInteger(number.substring(2), 8);
            case 'b' -> new BigInteger(number.substring(2), 2);
            default -> new BigInteger(number, number.startsWith("0") ? 8 : 10);
        };
        return switch (m.group(1)) {
            case "-" -> magnitude.compareTo(INT64_MIN_MAGNITUDE) <= 0;
            case "+" -> magnitude.compareTo(INT64_MIN_MAGNITUDE) < 0;
            default -> magnitude.compareTo(UINT64_MAX) <= 0;
        };
    }

    /** Go's ParseFloat fails on overflow, which leaves the scalar a string. */
    private static boolean isFinite(String s) {
        return !Double.isInfinite(Double.parseDouble(s));
    }

    private static boolean isTimestamp(String s) {
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches()) {
            return false;
        }
        try {
            LocalDate.of(number(m, 1), number(m, 2), number(m, 3));
        } catch (DateTimeException e) {
            return false;
        }
        String separator = m.group(4);
        if (separator == null) {
            return true;
        }
        boolean zoned = m.group(8) != null;
        return zoned == !separator.equals(" ")
                && number(m, 5) < 24 && number(m, 6) < 60 && number(m, 7) < 60;
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static Map<String, Tag> words() {
        Map<String, Tag> words = new HashMap<>();
        for (String w : new String[] {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
                "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
            words.put(w, Tag.BOOL);
        }
        for (String w : new String[] {"", "~", "null", "Null", "NULL"}) {
            words.put(w, Tag.NULL);
        }
        for (String w : new String[] {".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
                "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"}) {
            words.put(w, Tag.FLOAT);
        }
        return Map.copyOf(words);
    }
}
