package io.imgsh.engine.remote;

import io.imgsh.engine.image.AliasEntry;
import java.util.List;

/** The read side of an image server, whatever its protocol. */
public interface ImageServer {
    Remote remote();

    /** Every image the server shows this client. */
    List<RemoteImage> images();

    /** Alias first, then fingerprint or unique prefix, as LXD resolves references. */
    RemoteImage resolve(String name);

    /** Only the fingerprint or a unique prefix (what a recorded source without alias pins). */
    RemoteImage byFingerprint(String prefix);

    List<AliasEntry> aliases();
}
