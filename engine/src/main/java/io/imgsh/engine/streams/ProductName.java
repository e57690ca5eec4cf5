package io.imgsh.engine.streams;

import io.imgsh.engine.image.Image;

/**
 * The product an image is a version of: its {@code os}, {@code release} and {@code variant} properties (variant
 * {@code default} when it has none) and its architecture. An image without {@code os} or {@code release} cannot share
 * a product with others: it is {@code image:<fingerprint prefix>}.
 */
record ProductName(String os, String release, String variant, String architecture) {
    static ProductName of(Image image) {
        String os = image.properties().getOrDefault("os", "");
        String release = image.properties().getOrDefault("release", "");
        if (os.isEmpty() || release.isEmpty()) {
            os = "image";
            release = image.shortFingerprint();
        }
        String variant = image.properties().getOrDefault("variant", "");
        return new ProductName(os, release, variant.isEmpty() ? "default" : variant, image.architecture());
    }

    /** The key LXD's images server uses: {@code os:release:variant:architecture}. */
    String key() {
        return os + ":" + release + ":" + variant + ":" + architecture;
    }
}
