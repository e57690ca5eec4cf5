package io.imgsh.shell.view;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageETag;
import io.imgsh.engine.image.ImagePut;
import io.imgsh.engine.image.ImageService;
import io.imgsh.engine.remote.lxd.LxdServer;

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
        };
    }

    /** An image on a trusted lxd remote: read with {@code GET}, saved with {@code PUT} and {@code If-Match}. */
    static EditedImage remote(LxdServer server, String fingerprint) {
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
        };
    }
}
