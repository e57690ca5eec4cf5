package io.imgsh.engine.remote;

/**
 * An image server as {@code remote list} shows it.
 *
 * @param protocol    {@link #LXD} or {@link #SIMPLESTREAMS}
 * @param authType    {@code tls}, {@code none} or (for {@code local}) {@code file access}
 * @param isStatic    built in; cannot be removed, renamed or changed
 * @param certificate the pinned server certificate (PEM); empty: trust the system store
 */
public record Remote(String name, String url, String protocol, String authType, boolean isPublic, boolean isStatic,
                     String certificate) {
    public static final String LXD = "lxd";
    public static final String SIMPLESTREAMS = "simplestreams";
    public static final String LOCAL = "local";

    public boolean isLocal() {
        return name.equals(LOCAL);
    }
}
