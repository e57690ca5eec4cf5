package io.imgsh.engine.remote.simplestreams;

import io.imgsh.engine.image.Image;
import java.util.List;

/** An image of a simplestreams server and the files that make it: the metadata (or unified) file, then the rootfs if split. */
record StreamImage(Image image, List<StreamFile> files) {
    String fingerprint() {
        return image.fingerprint();
    }
}
