package io.imgsh.shell.command;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.remote.ImageServer;
import io.imgsh.engine.remote.Remote;
import io.imgsh.shell.Session;

/** Remote names in references, resolved against the remotes registry of the store (default remote included). */
public final class Remotes {
    private Remotes() {
    }

    /** {@code [remote:]name} with the configured default remote, after checking that the remote exists. */
    public static ImageRef parse(Session session, String reference) {
        ImageRef ref = ImageRef.parse(reference, session.engine().remotes().defaultRemote());
        session.engine().remotes().get(ref.remote());
        return ref;
    }

    /** The name part of a reference to a local image; a reference to another (existing) remote is refused. */
    public static String localName(Session session, String reference) {
        ImageRef ref = parse(session, reference);
        requireLocal(ref.remote());
        return ref.name();
    }

    /** The alias part of {@code [remote:]alias} on the local store; an empty name stays empty. */
    public static String localAliasName(Session session, String reference) {
        ImageRef ref = aliasRef(session, reference);
        requireLocal(ref.remote());
        return ref.name();
    }

    public static void requireKnown(Session session, String remote) {
        session.engine().remotes().get(remote);
    }

    /** The image a reference names, in the store or on a remote server. */
    public static Image image(Session session, ImageRef ref) {
        return ref.remote().equals(ImageRef.LOCAL) ? session.engine().images().resolve(ref.name())
                : server(session, ref.remote()).resolve(ref.name()).image();
    }

    /** The image server behind {@code remote} (not {@code local}). */
    public static ImageServer server(Session session, String remote) {
        return session.engine().remotes().server(remote);
    }

    /** The lxd server behind {@code remote}, for writes (trusted remotes only, as the server decides). */
    public static io.imgsh.engine.remote.lxd.LxdServer lxd(Session session, String remote) {
        return session.engine().remotes().lxd(remote);
    }

    /** {@code [remote:]alias} (the default remote when absent) after checking that the remote exists. */
    public static ImageRef aliasRef(Session session, String reference) {
        ImageRef ref = ImageRef.parseName(reference, session.engine().remotes().defaultRemote());
        requireKnown(session, ref.remote());
        return ref;
    }

    /** Fails unless {@code remote} exists and is the local store. */
    public static void requireLocal(Session session, String remote) {
        requireKnown(session, remote);
        requireLocal(remote);
    }

    private static void requireLocal(String remote) {
        if (!remote.equals(Remote.LOCAL)) {
            throw new EngineException("This command works on local images only; remote \"" + remote
                    + "\" is not supported here yet");
        }
    }
}
