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

    public static void requireKnown(String remote) {
        if (!remote.equals(ImageRef.LOCAL)) {
            throw new NotFoundException("The remote \"" + remote + "\" does not exist");
        }
    }
}
