package io.imgsh.engine.server;

import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.StoreImages;
import java.util.List;

/**
 * What a caller may see of the store: everything when trusted; else public images only, the aliases of public
 * images, and a private image named by its full fingerprint with a valid secret. A private image answers exactly as
 * a missing one, so that an untrusted client cannot tell them apart.
 */
final class Visibility {
    private final StoreImages images;
    private final ImageSecrets secrets;

    Visibility(StoreImages images, ImageSecrets secrets) {
        this.images = images;
        this.secrets = secrets;
    }

    List<Image> images(Caller caller) {
        List<Image> all = images.list(List.of());
        return caller.trusted() ? all : all.stream().filter(Image::isPublic).toList();
    }

    /** The image with this fingerprint or unique prefix, as the caller may see it. */
    Image image(Caller caller, String prefix) {
        if (caller.trusted()) {
            try {
                return images.byFingerprint(prefix);
            } catch (NotFoundException e) {
                throw ApiError.notFound("Image not found");
            }
        }
        List<Image> matches = prefix.isEmpty() ? List.of()
                : images(caller).stream().filter(i -> i.fingerprint().startsWith(prefix)).toList();
        if (matches.size() != 1) {
            throw matches.isEmpty() ? ApiError.notFound("Image not found")
                    : new ApiError(400, "More than one image matches \"" + prefix + "\"");
        }
        return matches.get(0);
    }

    /**
     * As {@link #image(Caller, String)}, where an untrusted caller with {@code secret} (null: none) also sees the
     * private image whose full fingerprint it gives, if the secret is one of its tokens.
     */
    Image image(Caller caller, String prefix, String secret) {
        if (!caller.trusted() && secret != null && images.exists(prefix)) {
            Image image = images.get(prefix);
            if (!image.isPublic() && secrets.allows(prefix, secret)) {
                return image;
            }
        }
        return image(caller, prefix);
    }

    /** The alias, if the caller may see its target. */
    AliasEntry alias(Caller caller, String name) {
        AliasEntry alias = images.alias(name).orElseThrow(() -> ApiError.notFound("Image alias not found"));
        if (!caller.trusted() && !images.get(alias.target()).isPublic()) {
            throw ApiError.notFound("Image alias not found");
        }
        return alias;
    }
}
