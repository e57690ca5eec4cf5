package io.imgsh.engine.remote;

import io.imgsh.engine.image.Image;
import java.util.List;

/**
 * An image on a remote and, where the server publishes them one by one (simplestreams), the files that make it: the
 * metadata (or unified) file, then the rootfs if split. Empty for a server that streams them in one export (lxd).
 */
public record RemoteImage(Image image, List<RemoteFile> files) {
    public String fingerprint() {
        return image.fingerprint();
    }
}
