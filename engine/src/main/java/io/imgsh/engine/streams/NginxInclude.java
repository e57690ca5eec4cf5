package io.imgsh.engine.streams;

import java.util.List;

/**
 * An nginx include for the server block that serves the tree as its {@code root}: one exact {@code location} per
 * direct entry answering with the two headers LXD's direct protocol asks for. The image URL is built from the
 * request's scheme and host, so the tree can be served under any name.
 */
final class NginxInclude {
    static final String PATH = "direct/nginx.conf";

    private NginxInclude() {
    }

    static String of(List<DirectEntry> entries) {
        StringBuilder out = new StringBuilder("""
                # Written by imgsh streams build: lxc image import https://HOST/<alias> (the direct protocol).
                # Include it in the server block whose root is this tree; reload nginx after a build changes it.
                """);
        for (DirectEntry e : entries) {
            out.append("location = /").append(e.alias()).append(" {\n")
                    .append("    default_type text/plain;\n")
                    .append("    add_header LXD-Image-Hash \"").append(e.fingerprint()).append("\" always;\n")
                    .append("    add_header LXD-Image-URL \"$scheme://$http_host").append(e.url())
                    .append("\" always;\n")
                    .append("    return 200 \"").append(e.fingerprint()).append("\\n\";\n")
                    .append("}\n");
        }
        return out.toString();
    }
}
