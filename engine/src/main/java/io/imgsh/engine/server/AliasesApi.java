package io.imgsh.engine.server;

import io.imgsh.engine.ETagMismatchException;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.ImageETag;
import io.imgsh.engine.image.StoreImages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** {@code /1.0/images/aliases…}: the store's aliases as LXD serves them; every write needs a trusted caller. */
final class AliasesApi {
    private static final String PATH = "/1.0/images/aliases/";

    private final StoreImages images;
    private final Visibility visibility;

    AliasesApi(StoreImages images, Visibility visibility) {
        this.images = images;
        this.visibility = visibility;
    }

    /** {@code GET /1.0/images/aliases}: trusted callers only, as in LXD. */
    void list(Call call) {
        if (!call.caller().trusted()) {
            throw ApiError.forbidden();
        }
        List<AliasEntry> all = images.aliases(List.of());
        call.sync(call.recursive() ? all : all.stream().map(a -> PATH + a.name()).toList());
    }

    /** {@code GET /1.0/images/aliases/<name>}, with its ETag: an untrusted caller sees the aliases of public images. */
    void get(Call call, String name) {
        AliasEntry alias = visibility.alias(call.caller(), name);
        call.sync(alias, ImageETag.of(alias));
    }

    /** {@code POST /1.0/images/aliases}: 201 and where the new alias is. */
    void create(Call call) {
        JsonBody body = call.body();
        String name = body.text("name");
        String target = body.text("target");
        if (name.isEmpty() || target.isEmpty()) {
            throw new ApiError(400, "name and target are required");
        }
        images.createAlias(name, target, body.text("description"));
        call.created(location(name));
    }

    /** {@code PUT /1.0/images/aliases/<name>}: a new target and description (absent: empty). */
    void put(Call call, String name) {
        JsonBody body = call.body();
        String target = body.text("target");
        if (target.isEmpty()) {
            throw new ApiError(400, "The target field is required");
        }
        images.updateAlias(name, target, body.text("description"), call.ifMatch());
        call.sync(Map.of());
    }

    /** {@code PATCH /1.0/images/aliases/<name>}: the target and the description change when present. */
    void patch(Call call, String name) {
        JsonBody body = call.body();
        AliasEntry current = images.alias(name).orElseThrow(() -> ApiError.notFound("Image alias not found"));
        String etag = ImageETag.of(current);
        String expected = call.ifMatch();
        if (expected != null && !expected.equals(etag)) {
            throw new ETagMismatchException(etag, expected, "alias");
        }
        images.updateAlias(name, body.has("target") ? body.text("target") : current.target(),
                body.has("description") ? body.text("description") : current.description(), etag);
        call.sync(Map.of());
    }

    /** {@code POST /1.0/images/aliases/<name>} {@code {"name": new}}: renamed at once; 201 and where it is now. */
    void rename(Call call, String name) {
        String newName = call.body().text("name");
        images.renameAlias(name, newName);
        call.created(location(newName));
    }

    /** {@code DELETE /1.0/images/aliases/<name>}: the alias only. */
    void delete(Call call, String name) {
        images.deleteAlias(name);
        call.sync(Map.of());
    }

    /** The alias's URL, its name one path segment ({@code ubuntu%2F22.04}). */
    private static String location(String name) {
        return PATH + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
