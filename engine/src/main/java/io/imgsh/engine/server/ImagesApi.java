package io.imgsh.engine.server;

import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageETag;
import io.imgsh.engine.image.StoreImages;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/** {@code /1.0/images…}: the store's images and aliases as LXD serves them, each as the caller may see it. */
final class ImagesApi {
    private final StoreImages images;
    private final Visibility visibility;

    ImagesApi(StoreImages images) {
        this.images = images;
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

    /** {@code GET /1.0/images/aliases/<name>}: an untrusted caller sees the aliases of public images. */
    void alias(Call call, String name) {
        call.sync(visibility.alias(call.caller(), name));
    }
}
