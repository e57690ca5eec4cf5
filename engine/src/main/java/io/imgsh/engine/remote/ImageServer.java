package io.imgsh.engine.remote;

import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Progress;
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
     * The images, letting the server apply those of the {@code image list} filters it can; the caller still applies
     * all of them.
     */
    default List<RemoteImage> images(List<String> filters) {
        return images();
    }

    /**
     * Streams the image's files into {@code ingest} when the protocol cannot fetch them file by file from
     * {@link RemoteImage#files()}; returns the bytes transferred, or -1 to let the caller fetch the files.
     */
    default long fetchInto(RemoteImage image, io.imgsh.store.Ingest ingest, Progress progress) {
        return -1;
    }
}
