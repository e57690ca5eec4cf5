package io.imgsh.engine.remote.simplestreams;

/**
 * One file of an image as a simplestreams server publishes it: which item it is ({@code product/version/item}), its path relative to the server's base URL, its SHA-256 and size ("" and -1 when the server
 * leaves them out).
 */
record StreamFile(String item, String path, String sha256, long size) {
}
