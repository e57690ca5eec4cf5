package io.imgsh.shell.render;

import java.util.Locale;

/** The list formats of {@code --format}, as LXD names them. */
public enum OutputFormat {
    TABLE, COMPACT, CSV, JSON, YAML;

    /** "table", "compact", "csv", "json", "yaml" → value; anything else → IllegalArgumentException. */
    public static OutputFormat parse(String name) {
        for (OutputFormat format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("Invalid format \"" + name + "\"");
    }
}
