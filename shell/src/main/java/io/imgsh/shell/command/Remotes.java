package io.imgsh.shell.command;

import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.image.ImageRef;

/** Remote names in references; only the local store exists so far. */
public final class Remotes {
    private Remotes() {
    }

    /** The name part of {@code [remote:]name}, after checking that the remote exists. */
    public static String localName(String reference) {
        ImageRef ref = ImageRef.parse(reference, ImageRef.LOCAL);
        requireKnown(ref.remote());
        return ref.name();
    }

    /**
     * The alias part of {@code [remote:]alias}, after checking that the remote exists. Unlike an image reference, an
     * empty name stays empty (it is not the alias {@code default}), so that it is refused as an alias name.
     */
    public static String localAliasName(String reference) {
        int colon = reference.indexOf(':');
        requireKnown(colon <= 0 ? ImageRef.LOCAL : reference.substring(0, colon));
        return colon < 0 ? reference : reference.substring(colon + 1);
    }

    public static void requireKnown(String remote) {
        if (!remote.equals(ImageRef.LOCAL)) {
            throw new NotFoundException("The remote \"" + remote + "\" does not exist");
        }
    }
}
