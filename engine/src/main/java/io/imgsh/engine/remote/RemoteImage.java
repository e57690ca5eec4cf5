package io.imgsh.engine.remote;

import io.imgsh.engine.image.Image;
import java.util.List;

/** An image on a remote and the files that make it: the metadata (or unified) file, then the rootfs if split. */
public record RemoteImage(Image image, List<RemoteFile> files) {
    public String fingerprint() {
        return image.fingerprint();
    }
}
