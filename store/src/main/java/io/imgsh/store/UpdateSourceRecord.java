package io.imgsh.store;

/** Where an image fetched by alias came from, so it can be refreshed. */
public record UpdateSourceRecord(String server, String protocol, String certificate, String alias, String imageType) {
}
