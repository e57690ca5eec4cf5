package io.imgsh.engine.image;

/**
 * {@code [remote:]name}: split at the first colon; no colon or an empty remote means the default remote, and an
 * empty name means the alias {@code default}, as in LXD.
 */
public record ImageRef(String remote, String name) {
    public static final String LOCAL = "local";

    public static ImageRef parse(String text, String defaultRemote) {
        int colon = text.indexOf(':');
        String remote = colon < 0 || colon == 0 ? defaultRemote : text.substring(0, colon);
        String name = colon < 0 ? text : text.substring(colon + 1);
        return new ImageRef(remote, name.isEmpty() ? "default" : name);
    }
}
