package io.imgsh.shell.render;

import java.util.Locale;
import java.util.Map;

/** Colour policy: {@code --color} (always|never|auto), then NO_COLOR, then whether the stream is a terminal. */
public enum ColorMode {
    ALWAYS, NEVER, AUTO;

    public static ColorMode parse(String s) {
        for (ColorMode mode : values()) {
            if (mode.name().toLowerCase(Locale.ROOT).equals(s)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("Invalid color mode \"" + s + "\" (use always, never or auto)");
    }

    /** NO_COLOR counts only when set to a non-empty value (no-color.org). */
    public boolean enabled(Map<String, String> env, boolean isTerminal) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> {
                String noColor = env.get("NO_COLOR");
                yield (noColor == null || noColor.isEmpty()) && isTerminal;
            }
        };
    }
}
