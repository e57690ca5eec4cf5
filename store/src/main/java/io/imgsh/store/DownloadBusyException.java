package io.imgsh.store;

/**
 * The download of an image is busy: another ingest is writing it, or a clean-up removing it (in another imgsh
 * process, or in a session of this one).
 */
public final class DownloadBusyException extends StoreException {
    DownloadBusyException(String fingerprint) {
        super("The download of image " + fingerprint + " is busy (another imgsh is writing or removing it); try again"
                + " once that is done");
    }
}
