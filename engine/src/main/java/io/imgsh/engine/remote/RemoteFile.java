package io.imgsh.engine.remote;

/**
 * One file of a remote image as its server publishes it: which item it is ({@code product/version/item} on a
 * simplestreams server), its path relative to the server's base URL, its SHA-256 and size ("" and -1 when the server
 * leaves them out).
 */
public record RemoteFile(String item, String path, String sha256, long size) {
}
