package io.imgsh.engine.mirror;

import io.imgsh.engine.image.Image;
import java.util.Comparator;
import java.util.Map;

/**
 * The images that are versions of one another, of which a mirror keeps the newest N: those with the same {@code os},
 * {@code release} and {@code variant} properties (variant {@code default} when absent), architecture, and rootfs
 * {@code type} property when there is one (a simplestreams server publishes each version as squashfs and as
 * root.tar.xz: two families). What an alias such as {@code ubuntu/22.04} names is such a family. An image without
 * {@code os} or {@code release} is a family of its own, so it is never pruned for being old.
 */
record Family(String key) {
    /** Newest first: by creation date, then by the date the remote received it, then by fingerprint. */
    static final Comparator<Image> NEWEST_FIRST = Comparator.comparing(Image::createdAt).reversed()
            .thenComparing(Comparator.comparing(Image::uploadedAt).reversed())
            .thenComparing(Image::fingerprint);

    static Family of(Image image) {
        Map<String, String> p = image.properties();
        String os = p.get("os");
        String release = p.get("release");
        if (os == null || release == null) {
            return new Family(image.fingerprint());
        }
        String type = p.get("type");
        return new Family(os + "/" + release + "/" + p.getOrDefault("variant", "default") + "/"
                + image.architecture() + (type == null ? "" : "/" + type));
    }
}
