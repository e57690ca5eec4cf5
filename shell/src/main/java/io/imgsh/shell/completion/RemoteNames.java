package io.imgsh.shell.completion;

import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.remote.Remote;
import io.imgsh.shell.session.Session;
import java.util.List;

/**
 * The remotes as the prompt and completion see them, read in this one place: the prompt shows the default
 * ({@code imgsh local> }), completion offers the names. A store that cannot be read shows {@code local} rather
 * than failing the prompt.
 */
public final class RemoteNames {
    private RemoteNames() {
    }

    /** The remote a reference without {@code remote:} means. */
    public static String defaultRemote(Session session) {
        try {
            return session.defaultRemote();
        } catch (RuntimeException e) {
            return ImageRef.LOCAL;
        }
    }

    /** Every remote name, for completing {@code remote:} prefixes and remote arguments. */
    public static List<String> all(Session session) {
        try {
            return session.engine().remotes().list().stream().map(Remote::name).toList();
        } catch (RuntimeException e) {
            return List.of(ImageRef.LOCAL);
        }
    }

    /**
     * The remotes an image can be copied to: the store and lxd remotes added with trust (not public image servers,
     * nor simplestreams ones, which are read-only).
     */
    public static List<String> writable(Session session) {
        try {
            return session.engine().remotes().list().stream()
                    .filter(r -> r.protocol().equals(Remote.LXD) && !r.isPublic())
                    .map(Remote::name).toList();
        } catch (RuntimeException e) {
            return List.of(ImageRef.LOCAL);
        }
    }

    /** Whether images of {@code remote} live in the local store (the only ones completion lists). */
    public static boolean isLocal(String remote) {
        return remote.equals(ImageRef.LOCAL);
    }
}
