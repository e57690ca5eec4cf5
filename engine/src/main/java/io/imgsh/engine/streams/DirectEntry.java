package io.imgsh.engine.streams;

/**
 * What a static server answers for {@code https://host/<alias>} so that {@code lxc image import} finds a unified image:
 * {@code LXD-Image-Hash} (the fingerprint) and {@code LXD-Image-URL} (where its file is, {@code path} below the tree).
 */
record DirectEntry(String alias, String fingerprint, String path) {
    /** The file that records the headers for other web servers: {@code direct/<alias>.headers}. */
    String headersPath() {
        return "direct/" + alias + ".headers";
    }

    String headers() {
        return "LXD-Image-Hash: " + fingerprint + "\nLXD-Image-URL: /" + path + "\n";
    }
}
