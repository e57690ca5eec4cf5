package io.imgsh.engine.server;

import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageETag;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.remote.CopyService;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** {@code /1.0/images…}: the store's images and aliases as LXD serves them, each as the caller may see it. */
final class ImagesApi {
    private final StoreImages images;
    private final CopyService copies;
    private final Operations operations;
    private final Visibility visibility;

    ImagesApi(StoreImages images, CopyService copies, Operations operations) {
        this.images = images;
        this.copies = copies;
        this.operations = operations;
        this.visibility = new Visibility(images);
    }

    /** {@code GET /1.0/images}: URLs, or with {@code recursion=1} the images, by fingerprint. */
    void list(Call call) {
        Predicate<Image> filter = call.query("filter").filter(f -> !f.isBlank()).map(ServerFilter::parse)
                .orElse(i -> true);
        List<Image> shown = visibility.images(call.caller()).stream().filter(filter).toList();
        call.sync(call.recursive() ? shown : shown.stream().map(i -> "/1.0/images/" + i.fingerprint()).toList());
    }

    /** {@code GET /1.0/images/<fingerprint or prefix>}, with the ETag a PUT must match. */
    void get(Call call, String fingerprint) {
        Image image = visibility.image(call.caller(), fingerprint);
        call.sync(image, ImageETag.of(image));
    }

    /** {@code DELETE /1.0/images/<fp>}: the image and its aliases, in the background ("Deleting image"). */
    void delete(Call call, String fingerprint) {
        String fp = visibility.image(call.caller(), fingerprint).fingerprint();
        call.async(operations.start("Deleting image", imageResources(fp), () -> {
            images.delete(fp);
            return null;
        }));
    }

    /** {@code GET /1.0/images/<fp>/export}: the files, streamed. */
    void export(Call call, String fingerprint) throws IOException {
        Image image = visibility.image(call.caller(), fingerprint);
        ExportResponse.send(call, image.fingerprint(), images.files(image.fingerprint()));
    }

    /** {@code GET /1.0/images/aliases}: trusted callers only, as in LXD. */
    void aliases(Call call) {
        if (!call.caller().trusted()) {
            throw ApiError.forbidden();
        }
        List<AliasEntry> all = images.aliases(List.of());
        call.sync(call.recursive() ? all : all.stream().map(a -> "/1.0/images/aliases/" + a.name()).toList());
    }

    private static Map<String, List<String>> imageResources(String fingerprint) {
        return Map.of("images", List.of("/1.0/images/" + fingerprint));
    }

    /** {@code GET /1.0/images/aliases/<name>}: an untrusted caller sees the aliases of public images. */
    void alias(Call call, String name) {
        call.sync(visibility.alias(call.caller(), name));
    }
}
