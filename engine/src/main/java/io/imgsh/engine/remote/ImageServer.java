package io.imgsh.engine.remote;

import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.ImageFilter;
import io.imgsh.engine.image.Progress;
import io.imgsh.store.Ingest;
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

    /**
     * The images the {@code image list} filters select, as {@code lxc} selects them from this server. By default the
     * server filters nothing and every filter is applied as {@code lxc} applies it alone.
     */
    default List<RemoteImage> images(List<String> filters) {
        ImageFilter filter = ImageFilter.clientSide(filters);
        return images().stream().filter(i -> filter.matches(i.image())).toList();
    }

    /**
     * Streams the image's files into {@code ingest} (a split image's into two parts), resuming a broken transfer
     * where the protocol allows; returns the bytes that crossed the network. The caller checks the fingerprint.
     */
    long fetchInto(RemoteImage image, Ingest ingest, Progress progress);
}
