package io.imgsh.engine.image;

/** An image as read, with the ETag a save must match (LXD's for a server's image, {@link ImageETag}'s for the store's). */
public record ImageSnapshot(Image image, String etag) {
}
