package io.imgsh.shell.view;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageETag;
import io.imgsh.engine.image.ImagePut;
import io.imgsh.engine.image.ImageService;
import io.imgsh.engine.remote.Remote;
import io.imgsh.engine.remote.lxd.LxdServer;
import java.util.Optional;

/**
 * The image an {@link EditorView} edits: where its writable fields are read from and saved to. Every save carries
 * the ETag of the image as it was read (LXD's, for a store image and a remote one alike), so a change made meanwhile
 * is a {@link ConflictException} instead of being overwritten.
 */
public interface EditedImage {
    /** The image as it is now, with its ETag. */
    Snapshot load();

    /** Saves {@code put} if the image's ETag is still {@code etag}; throws {@link ConflictException} if not. */
    void save(ImagePut put, String etag);

    /** The remote the image is on ({@code local}: the store). */
    String remote();

    /** Why the image cannot be changed from here, if it cannot (a public image server). */
    default Optional<String> readOnlyBecause() {
        return Optional.empty();
    }

    /** An image as read, with the ETag a save must match. */
    record Snapshot(Image image, String etag) {
    }

    /** An image of the store. */
    static EditedImage local(ImageService images, String fingerprint) {
        return new EditedImage() {
            @Override
            public Snapshot load() {
                Image image = images.get(fingerprint);
                return new Snapshot(image, ImageETag.of(image));
            }

            @Override
            public void save(ImagePut put, String etag) {
                images.update(fingerprint, put, etag);
            }

            @Override
            public String remote() {
                return Remote.LOCAL;
            }
        };
    }

    /**
     * An image on an lxd remote: read with {@code GET}, saved with {@code PUT} and {@code If-Match} if the server
     * trusts this client (asked once, here); read-only if not.
     */
    static EditedImage remote(LxdServer server, String fingerprint) {
        boolean trusted = server.trusted();
        return new EditedImage() {
            @Override
            public Snapshot load() {
                LxdServer.Tagged<Image> tagged = server.imageWithETag(fingerprint);
                return new Snapshot(tagged.value(), tagged.etag());
            }

            @Override
            public void save(ImagePut put, String etag) {
                server.update(fingerprint, put, etag);
            }

            @Override
            public String remote() {
                return server.remote().name();
            }

            @Override
            public Optional<String> readOnlyBecause() {
                return trusted ? Optional.empty()
                        : Optional.of(remote() + " is a public image server here (it does not trust this client)");
            }
        };
    }
}
