package io.imgsh.shell.batch;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ${NAME}} substitution from {@code -D NAME=value} definitions and the environment. */
public final class Variables {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> values;

    public Variables(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Replaces every reference; an undefined or malformed one is an {@link IllegalArgumentException}. */
    public String expand(String text) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid variable reference ${" + name + "}");
            }
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("undefined variable ${" + name + "} (define it with -D " + name
                        + "=VALUE or in the environment)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
