package io.imgsh.shell.command.image;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * The {@code --mode} values lxc takes for {@code image copy}; imgsh accepts them all and always moves the image
 * through itself (as relay does).
 */
public enum CopyMode {
    PULL, PUSH, RELAY;

    /** "pull", "push" or "relay" → value; anything else → IllegalArgumentException. */
    public static CopyMode parse(String text) {
        return Arrays.stream(values()).filter(mode -> mode.toString().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Invalid --mode \"" + text + "\": pull, push or relay"));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The names, as completion offers them. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(CopyMode::toString).iterator();
        }
    }
}
