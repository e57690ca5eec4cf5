package io.imgsh.engine.remote.direct;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.config.ConfigService;
import io.imgsh.engine.format.Architectures;
import io.imgsh.engine.image.CountingStream;
import io.imgsh.engine.image.ImportResult;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.image.Sha256;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.image.UpdateSource;
import io.imgsh.engine.remote.Http;
import io.imgsh.engine.remote.RemoteService;
import io.imgsh.engine.remote.ResumingStream;
import io.imgsh.engine.remote.Tls;
import io.imgsh.engine.remote.TransferLimitException;
import io.imgsh.engine.remote.TransferLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code image import https://…}, LXD's "direct" protocol (reference §4.2): HEAD the URL with the server's
 * architectures and version, take {@code LXD-Image-Hash} and {@code LXD-Image-URL} from the answer, GET the image
 * into the store in one pass and verify its hash. Only unified images.
 *
 * <p>Because this makes the host fetch URLs given by users and by the answering server (CVE-2026-35527, server-side
 * request forgery), every URL contacted (the given one, the image URL and every redirect hop) must be https and on
 * the {@code images.direct_allowed_hosts} allow-list, which is empty (URL import disabled) until set; and the
 * download is bounded by the {@link TransferLimits}: its size by its Content-Length, else by
 * {@code images.max_download_size}.
 */
public final class DirectImporter {
    public static final String PROTOCOL = "direct";
    public static final String ALLOWED_HOSTS_KEY = ConfigKey.DIRECT_ALLOWED_HOSTS.key();
    public static final String HASH_HEADER = "LXD-Image-Hash";
    public static final String URL_HEADER = "LXD-Image-URL";
    public static final String ARCHITECTURES_HEADER = "LXD-Server-Architectures";
    public static final String VERSION_HEADER = "LXD-Server-Version";


    private final ConfigService config;
    private final StoreImages images;
    private final RemoteService remotes;
    private final Tls tls;

    public DirectImporter(ConfigService config, StoreImages images, RemoteService remotes, Tls tls) {
        this.config = config;
        this.images = images;
        this.remotes = remotes;
        this.tls = tls;
    }

    /** Whether {@code arg} is meant as a URL ({@code https://…} or a refused {@code http://…}). */
    public static boolean isUrl(String arg) {
        String a = arg.toLowerCase(Locale.ROOT);
        return a.startsWith("https://") || a.startsWith("http://");
    }

    public ImportResult importUrl(DirectImportRequest request) {
        return importUrl(request, Progress.NONE);
    }

    /**
     * Imports the image behind {@code request.url()}; {@code progress} hears the bytes downloaded. Nothing is
     * requested from a URL that fails the checks; nothing is stored unless the whole image arrived with the
     * announced hash.
     */
    public ImportResult importUrl(DirectImportRequest request, Progress progress) {
        URI url = parse(request.url(), "URL");
        checkScheme(url, "URL");
        images.checkAliasNames(request.aliases());
        AllowList allowed = allowList();
        TransferLimits limits = TransferLimits.of(config);
        check(url, "URL", allowed);

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ARCHITECTURES_HEADER, String.join(", ", Architectures.hostAll()));
        headers.put(VERSION_HEADER, Http.VERSION);
        try (DirectHttp http = new DirectHttp(tls, remotes.list(), (u, role) -> check(u, role, allowed), headers,
                limits)) {
            return fetch(http, url, request, allowed, limits, progress);
        }
    }

    /** The HEAD, then the download into the store through {@code http}. */
    private ImportResult fetch(DirectHttp http, URI url, DirectImportRequest request, AllowList allowed,
                               TransferLimits limits, Progress progress) {
        DirectHttp.Answer head = http.send("HEAD", url, "URL", 0);
        head.discard();
        if (head.status() / 100 != 2) {
            throw new EngineException("Cannot fetch " + head.url() + ": HTTP " + head.status());
        }
        String hash = head.response().headers().firstValue(HASH_HEADER).map(String::trim).orElse("");
        if (hash.isEmpty()) {
            throw new EngineException("Missing " + HASH_HEADER + " header");
        }
        String location = head.response().headers().firstValue(URL_HEADER).map(String::trim).orElse("");
        if (location.isEmpty()) {
            throw new EngineException("Missing " + URL_HEADER + " header");
        }
        String fingerprint = hash.toLowerCase(Locale.ROOT);
        if (!Sha256.isHash(fingerprint)) {
            throw new EngineException("Invalid " + HASH_HEADER + " header \"" + printable(hash)
                    + "\": expected a SHA-256 (64 hex digits)");
        }
        URI imageUrl = resolve(head.url(), location);
        check(imageUrl, URL_HEADER, allowed);
        if (images.exists(fingerprint)) {
            throw new ConflictException("Image with same fingerprint already exists");
        }

        DirectHttp.Answer get = http.send("GET", imageUrl, URL_HEADER, 0);
        if (get.status() != 200) {
            get.discard();
            throw new EngineException("Cannot fetch " + get.url() + ": HTTP " + get.status());
        }
        long length = get.response().headers().firstValueAsLong("Content-Length").orElse(-1);
        UpdateSource source = new UpdateSource(fingerprint, http.certificateFor(url), PROTOCOL, url.toString(), "");
        URI from = get.url();
        try (InputStream body = new ResumingStream(from, get.response().body(), length,
                position -> http.resumeFrom(from, URL_HEADER, position))) {
            InputStream bounded = limits.bounded(body, from, length, 0);
            return images.importUnified(new CountingStream(bounded, 0, length, null, progress), filename(from),
                    request.aliases(), request.isPublic(), request.properties(), source, got -> {
                        if (!got.equals(fingerprint)) {
                            throw new EngineException("Hash mismatch: " + from + " has SHA-256 " + got + " but "
                                    + HASH_HEADER + " says " + fingerprint);
                        }
                    });
        } catch (IOException e) {
            throw Http.failure(from, e);
        } catch (EngineException e) {
            // the image service calls a failed read a failed import; a broken transfer limit says all there is
            if (e.getCause() instanceof TransferLimitException limit) {
                throw Http.failure(from, limit);
            }
            throw e;
        }
    }

    /** The value of {@code images.direct_allowed_hosts}; empty means URL import is disabled. */
    private AllowList allowList() {
        AllowList list;
        try {
            list = AllowList.parse(config.get(ALLOWED_HOSTS_KEY));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Invalid " + ALLOWED_HOSTS_KEY + ": " + e.getMessage());
        }
        if (list.isEmpty()) {
            throw new InvalidInputException("Importing images from URLs is disabled: list the hosts to allow in "
                    + ALLOWED_HOSTS_KEY + " (config set " + ALLOWED_HOSTS_KEY + " images.example.org,other:8443)");
        }
        return list;
    }

    /** https only, and the host (with its port) on the allow-list; {@code role} says which URL it is. */
    private static void check(URI url, String role, AllowList allowed) {
        checkScheme(url, role);
        if (!allowed.allows(url)) {
            throw new InvalidInputException("Host " + url.getHost() + ":" + Http.port(url) + " (the " + role
                    + " " + url + ") is not in " + ALLOWED_HOSTS_KEY + "; add it there to allow importing from it");
        }
    }

    private static void checkScheme(URI url, String role) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https")) {
            throw new InvalidInputException("Only https:// URLs can be imported: the " + role + " " + url
                    + (scheme.isEmpty() ? " has no scheme" : " uses " + scheme + "://"));
        }
        if (url.getHost() == null || url.getRawUserInfo() != null) {
            throw new InvalidInputException("Invalid " + role + " " + url + ": expected https://host[:port]/path");
        }
    }

    private static URI parse(String text, String role) {
        try {
            URI url = new URI(text.trim());
            if (!url.isAbsolute()) {
                throw new InvalidInputException("Invalid " + role + " \"" + printable(text)
                        + "\": expected https://host/path");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new InvalidInputException("Invalid " + role + " \"" + printable(text) + "\": " + e.getReason());
        }
    }

    /** The image URL, which may be relative to the URL that answered the HEAD. */
    private static URI resolve(URI base, String location) {
        try {
            return base.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new EngineException("Invalid " + URL_HEADER + " header \"" + printable(location) + "\"");
        }
    }

    /** The last path segment of the image URL, as the stored file name. */
    private static String filename(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? "image.tar" : name;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
