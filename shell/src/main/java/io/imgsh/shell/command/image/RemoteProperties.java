package io.imgsh.shell.command.image;

import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImagePut;
import io.imgsh.engine.remote.lxd.LxdServer;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code set-property}/{@code unset-property} on a trusted lxd remote: GET with ETag, then PUT with If-Match. */
final class RemoteProperties {
    private RemoteProperties() {
    }

    /** Sets {@code key} to {@code value}; null removes it. */
    static void set(LxdServer server, String name, String key, String value) {
        LxdServer.Tagged<Image> current = server.resolveWithETag(name);
        Image image = current.value();
        String fingerprint = image.fingerprint();
        Map<String, String> properties = new LinkedHashMap<>(image.properties());
        if (value == null) {
            properties.remove(key);
        } else {
            properties.put(key, value);
        }
        server.update(fingerprint, new ImagePut(image.autoUpdate(), properties, image.isPublic(), image.expiresAt(),
                image.profiles()), current.etag());
    }
}
