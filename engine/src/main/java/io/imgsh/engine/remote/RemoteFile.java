package io.imgsh.engine.remote;

import java.net.URI;

/** One file of a remote image: where to get it, its SHA-256 when the server publishes it, its size (-1: unknown). */
public record RemoteFile(URI url, String sha256, long size) {
}
