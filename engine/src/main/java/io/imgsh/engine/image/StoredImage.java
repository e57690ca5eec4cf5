package io.imgsh.engine.image;

import java.nio.file.Path;
import java.util.List;

/** An image of the store and its stored files: the unified file, or the metadata then the rootfs. */
public record StoredImage(Image image, List<Path> files) {
    public StoredImage {
        files = List.copyOf(files);
    }

    public boolean split() {
        return files.size() > 1;
    }
}
