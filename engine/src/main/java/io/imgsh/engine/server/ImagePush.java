package io.imgsh.engine.server;

import io.imgsh.engine.image.Progress;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.remote.RemoteService;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * {@code POST /1.0/images/<fp>/export}, trusted callers only: this server uploads the image to another lxd server,
 * which gave the caller an upload token for it ({@code lxc image copy --mode push}). The body is LXD's
 * {@code ImageExportPost}: the target's URL, its certificate (the only one this upload trusts) and the token's
 * secret. Answered with LXD's "Uploading image" operation, which ends when the target has stored the image.
 */
final class ImagePush {
    private static final String DESCRIPTION = "Uploading image";

    private final StoreImages images;
    private final RemoteService remotes;
    private final Visibility visibility;
    private final Operations operations;

    ImagePush(StoreImages images, RemoteService remotes, Visibility visibility, Operations operations) {
        this.images = images;
        this.remotes = remotes;
        this.visibility = visibility;
        this.operations = operations;
    }

    void post(Call call, String fingerprint) {
        String fp = visibility.image(call.caller(), fingerprint).fingerprint();
        JsonBody body = call.body();
        String target = body.text("target");
        String secret = body.text("secret");
        if (secret.isEmpty()) {
            throw new ApiError(400, "Missing secret: the target server's upload token");
        }
        checkTarget(target);
        String certificate = body.text("certificate");
        call.async(operations.start(DESCRIPTION, ImagesApi.imageResources(fp), progress -> {
            remotes.lxdAt(target, certificate).pushUpload(images.files(fp), fp, secret, Progress.NONE);
            return null;
        }));
    }

    private static void checkTarget(String target) {
        try {
            URI uri = new URI(target);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ApiError(400, "Invalid target \"" + target + "\": an https:// URL of an lxd server");
            }
        } catch (URISyntaxException e) {
            throw new ApiError(400, "Invalid target \"" + target + "\": " + e.getReason());
        }
    }
}
