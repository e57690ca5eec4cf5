package io.imgsh.shell.command.common;

import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.ListQuery;
import io.imgsh.shell.session.Session;

/**
 * References as the user types them ({@link ImageRef}'s grammar), with the configured default remote where none is
 * given, and the places they name: the engine's {@link Images} of that remote, whatever it is.
 */
public final class Remotes {
    private Remotes() {
    }

    /** {@code [remote:]name} with the default remote, after checking that the remote exists. */
    public static ImageRef parse(Session session, String reference) {
        return checked(session, ImageRef.parse(reference, session.defaultRemote()));
    }

    /** {@code [remote:]alias} whose name may be empty (the default remote when absent), the remote checked. */
    public static ImageRef aliasRef(Session session, String reference) {
        return checked(session, ImageRef.parseName(reference, session.defaultRemote()));
    }

    /** The remote of an {@code image list} query: the one given, else the default one; checked. */
    public static String remote(Session session, ListQuery query) {
        String remote = query.remote() == null ? session.defaultRemote() : query.remote();
        session.engine().remotes().get(remote);
        return remote;
    }

    /** The images of a remote (the store for {@code local}). */
    public static Images images(Session session, String remote) {
        return session.engine().images(remote);
    }

    /** The image a reference names, wherever it is. */
    public static Image image(Session session, ImageRef ref) {
        return images(session, ref.remote()).resolve(ref.name());
    }

    private static ImageRef checked(Session session, ImageRef ref) {
        session.engine().remotes().get(ref.remote());
        return ref;
    }
}
