package io.imgsh.engine.remote.simplestreams;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.remote.Http;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The URL a simplestreams remote was added with, below which all its files lie. The paths its index and products
 * name are resolved against it, and a path that leads anywhere else (another scheme, host or port, or above the base
 * with {@code ..}) is refused before anything is requested: a hostile stream must not make imgsh fetch other URLs.
 */
final class StreamBase {
    private final URI base;

    StreamBase(String url) {
        this.base = URI.create(url.replaceAll("/+$", "") + "/");
    }

    URI url() {
        return base;
    }

    /** The URL of {@code path}; {@code what} names the entry that gave it in the error when it is refused. */
    URI resolve(String path, String what) {
        URI url;
        try {
            url = base.resolve(new URI(path)).normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw refused(what, path, "is not a valid URL path");
        }
        if (path.isEmpty()) {
            throw refused(what, path, "is empty");
        }
        if (!Http.sameOrigin(base, url) || !Objects.equals(base.getRawUserInfo(), url.getRawUserInfo())) {
            throw refused(what, path, "leaves " + base);
        }
        boolean dotSegments = Arrays.stream(url.getPath().split("/")).anyMatch(s -> s.equals("..") || s.equals("."));
        if (dotSegments || !url.getRawPath().startsWith(base.getRawPath())) {
            throw refused(what, path, "leads above " + base);
        }
        return url;
    }

    private static EngineException refused(String what, String path, String why) {
        return new EngineException("Refused " + what + ": its path \"" + printable(path) + "\" " + why);
    }

    private static String printable(String s) {
        return s.codePoints().limit(200).collect(StringBuilder::new,
                (b, c) -> b.append(Character.isISOControl(c) ? "?" : Character.toString(c)), StringBuilder::append)
                .toString();
    }
}
