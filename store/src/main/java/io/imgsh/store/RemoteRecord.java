package io.imgsh.store;

/**
 * A configured image server.
 *
 * @param protocol    {@code lxd} or {@code simplestreams}
 * @param authType    {@code tls} or {@code none}
 * @param certificate the pinned server certificate (PEM), empty to use the system trust store
 */
public record RemoteRecord(String name, String url, String protocol, String authType, boolean isPublic,
                           String certificate) {
}
