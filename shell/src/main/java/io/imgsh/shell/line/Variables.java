package io.imgsh.shell.line;

import java.util.Map;
import java.util.regex.Pattern;

/** The values of {@code ${NAME}} in scripts: {@code -D NAME=value} definitions, then the environment. */
public final class Variables {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> values;

    public Variables(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The value of {@code ${name}}; an undefined or malformed name is an {@link IllegalArgumentException}. */
    public String value(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid variable reference ${" + name + "}");
        }
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("undefined variable ${" + name + "} (define it with -D " + name
                    + "=VALUE or in the environment)");
        }
        return value;
    }
}
