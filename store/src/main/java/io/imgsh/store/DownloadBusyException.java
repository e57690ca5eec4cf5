package io.imgsh.store;

/** The download of an image is being written by another ingest (another imgsh process, or a session of this one). */
public final class DownloadBusyException extends StoreException {
    DownloadBusyException(String fingerprint) {
        super("Image " + fingerprint + " is being downloaded by another imgsh already; try again once that is done");
    }
}
