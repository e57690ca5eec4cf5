package io.imgsh.engine.format;

/** What an import learns from the image files. */
public record ScannedImage(ImageMetadata metadata, ImageType type) {
}
