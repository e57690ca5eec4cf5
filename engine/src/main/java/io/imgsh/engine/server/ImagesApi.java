package io.imgsh.engine.server;

import io.imgsh.engine.ETagMismatchException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageETag;
import io.imgsh.engine.image.ImagePut;
import io.imgsh.engine.image.ImageSnapshot;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.remote.CopyService;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** {@code /1.0/images…} but aliases: the store's images as LXD serves them, each as the caller may see it. */
final class ImagesApi {
    private final StoreImages images;
    private final CopyService copies;
    private final Operations operations;
    private final ImageSecrets secrets;
    private final Visibility visibility;

    ImagesApi(StoreImages images, CopyService copies, Operations operations, Visibility visibility,
              ImageSecrets secrets) {
        this.images = images;
        this.copies = copies;
        this.operations = operations;
        this.visibility = visibility;
        this.secrets = secrets;
    }

    /** {@code GET /1.0/images}: URLs, or with {@code recursion=1} the images, by fingerprint. */
    void list(Call call) {
        Predicate<Image> filter = call.query("filter").filter(f -> !f.isBlank()).map(ServerFilter::parse)
                .orElse(i -> true);
        List<Image> shown = visibility.images(call.caller()).stream().filter(filter).toList();
        call.sync(call.recursive() ? shown : shown.stream().map(i -> "/1.0/images/" + i.fingerprint()).toList());
    }

    /** {@code GET /1.0/images/<fingerprint or prefix>[?secret=S]}, with the ETag a PUT must match. */
    void get(Call call, String fingerprint) {
        Image image = visibility.image(call.caller(), fingerprint, call.query("secret").orElse(null));
        call.sync(image, ImageETag.of(image));
    }

    /**
     * {@code GET /1.0/images/<fp>/export[?secret=S]}: the files, streamed. The secret stays valid, as LXD 5.0.2's
     * does, so that a broken download resumes (a Range request) on the same URL.
     */
    void export(Call call, String fingerprint) throws IOException {
        Image image = visibility.image(call.caller(), fingerprint, call.query("secret").orElse(null));
        ExportResponse.send(call, image.fingerprint(), images.files(image.fingerprint()));
    }

    /** {@code PUT /1.0/images/<fp>}: replaces the writable fields, if {@code If-Match} (when sent) still matches. */
    void put(Call call, String fingerprint) {
        String fp = visibility.image(call.caller(), fingerprint).fingerprint();
        JsonBody body = call.body();
        images.update(fp, new ImagePut(body.bool("auto_update").orElse(false), body.strings("properties"),
                body.bool("public").orElse(false), body.time("expires_at"), body.list("profiles")), call.ifMatch());
        call.sync(Map.of());
    }

    /**
     * {@code PATCH /1.0/images/<fp>}: {@code auto_update} and {@code public} change when present; {@code properties}
     * are merged over the image's, key by key.
     */
    void patch(Call call, String fingerprint) {
        String fp = visibility.image(call.caller(), fingerprint).fingerprint();
        JsonBody body = call.body();
        ImageSnapshot current = images.snapshot(fp);
        String expected = call.ifMatch();
        if (expected != null && !expected.equals(current.etag())) {
            throw new ETagMismatchException(current.etag(), expected, "image");
        }
        Image image = current.image();
        Map<String, String> properties = new LinkedHashMap<>(image.properties());
        properties.putAll(body.strings("properties"));
        images.update(fp, new ImagePut(body.bool("auto_update").orElse(image.autoUpdate()), properties,
                body.bool("public").orElse(image.isPublic()), null, image.profiles()), current.etag());
        call.sync(Map.of());
    }

    /** {@code DELETE /1.0/images/<fp>}: the image and its aliases, in the background ("Deleting image"). */
    void delete(Call call, String fingerprint) {
        String fp = visibility.image(call.caller(), fingerprint).fingerprint();
        call.async(operations.start("Deleting image", imageResources(fp), progress -> {
            images.delete(fp);
            return null;
        }));
    }

    /**
     * {@code POST /1.0/images/<fp>/refresh}: re-resolves the image's recorded source in the background
     * ("Refreshing image"); the operation's metadata says whether a new image replaced it.
     */
    void refresh(Call call, String fingerprint) {
        String fp = visibility.image(call.caller(), fingerprint).fingerprint();
        call.async(operations.start("Refreshing image", null,
                progress -> Map.of("refreshed", copies.refresh(images, fp, progress).refreshed())));
    }

    /** {@code POST /1.0/images/<fp>/secret}: a download token for an untrusted client ({@link ImageSecrets}). */
    void secret(Call call, String fingerprint) {
        call.async(secrets.create(visibility.image(call.caller(), fingerprint).fingerprint()));
    }

    static Map<String, List<String>> imageResources(String fingerprint) {
        return Map.of("images", List.of("/1.0/images/" + fingerprint));
    }
}
