package io.imgsh.engine.image;

import java.util.Optional;

/**
 * The one grammar of {@code [remote:]name} and of {@code remote:} targets, as lxc splits them: at the first colon;
 * without one, the default remote. A reference that starts with a colon names the remote {@code ""}, which nobody
 * can add, so using it fails as in LXD: {@code The remote "" doesn't exist}.
 */
public record ImageRef(String remote, String name) {
    public static final String LOCAL = "local";

    /** An image reference: an empty name means the alias {@code default}, as in LXD. */
    public static ImageRef parse(String text, String defaultRemote) {
        ImageRef ref = parseName(text, defaultRemote);
        return ref.name.isEmpty() ? new ImageRef(ref.remote, "default") : ref;
    }

    /** A reference whose name may be empty ({@code remote:} alone, as {@code image alias list} takes it). */
    public static ImageRef parseName(String text, String defaultRemote) {
        int colon = text.indexOf(':');
        return colon < 0 ? new ImageRef(defaultRemote, text)
                : new ImageRef(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The remote of a bare {@code remote:} (a copy or import target); empty when {@code text} is not one. */
    public static Optional<String> target(String text) {
        int colon = text.indexOf(':');
        return colon >= 0 && colon == text.length() - 1 ? Optional.of(text.substring(0, colon)) : Optional.empty();
    }
}
