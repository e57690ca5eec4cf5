package io.imgsh.engine.streams;

import io.imgsh.engine.image.Image;
import java.nio.file.Path;
import java.util.List;

/** An image to publish and its stored files: the unified file, or the metadata then the rootfs. */
record StoreImage(Image image, List<Path> files) {
    boolean split() {
        return files.size() > 1;
    }
}
