package io.imgsh.engine.remote.direct;

import io.imgsh.engine.remote.Http;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts that {@code image import https://…} may contact ({@code images.direct_allowed_hosts}): comma-separated
 * {@code host} (any port) or {@code host:port} entries; IPv6 addresses in brackets. Host names are compared
 * case-insensitively and literally: no wildcards, no DNS look-ups.
 */
public final class AllowList {
    private static final Pattern NAME = Pattern.compile(
            "[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+(%[a-z0-9]+)?]");

    /** One entry; {@code port} -1 allows every port. */
    record Entry(String host, int port) {
        boolean allows(String host, int port) {
            return this.host.equals(host) && (this.port < 0 || this.port == port);
        }

        @Override
        public String toString() {
            return port < 0 ? host : host + ":" + port;
        }
    }

    private final List<Entry> entries;

    private AllowList(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses the key's value.
     *
     * @throws IllegalArgumentException naming the first entry that is not a host or host:port
     */
    public static AllowList parse(String value) {
        List<Entry> entries = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return new AllowList(entries);
        }
        for (String raw : value.split(",", -1)) {
            entries.add(entry(raw.trim()));
        }
        return new AllowList(entries);
    }

    private static Entry entry(String item) {
        if (item.isEmpty()) {
            throw new IllegalArgumentException("empty host in the list (expected host or host:port, comma-separated)");
        }
        if (item.contains("/") || item.contains("@") || item.contains("*")) {
            throw new IllegalArgumentException("invalid host '" + item + "': expected a host name or host:port,"
                    + " without scheme, path or wildcard");
        }
        String text = item.toLowerCase(Locale.ROOT);
        String host = text;
        int port = -1;
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (colon >= 0 && (!bracketed || colon > text.indexOf(']'))) {
            host = text.substring(0, colon);
            port = port(item, text.substring(colon + 1));
        }
        host = normalize(host);
        boolean ok = bracketed ? IPV6.matcher(host).matches() : NAME.matcher(host).matches() && host.length() <= 253;
        if (!ok) {
            throw new IllegalArgumentException("invalid host '" + item + "': expected a host name or host:port"
                    + (host.contains(":") && !bracketed ? " (write IPv6 addresses in brackets: [::1]:8443)" : ""));
        }
        return new Entry(host, port);
    }

    private static int port(String item, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("invalid port in '" + item + "': expected 1 to 65535");
    }

    private static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Whether {@code url}'s host and port (443 when absent) are on the list. */
    public boolean allows(URI url) {
        if (url.getHost() == null) {
            return false;
        }
        String host = normalize(url.getHost());
        int port = Http.port(url);
        return entries.stream().anyMatch(e -> e.allows(host, port));
    }

    @Override
    public String toString() {
        return String.join(",", entries.stream().map(Entry::toString).toList());
    }
}
