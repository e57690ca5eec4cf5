package io.imgsh.store;

import java.io.IOException;

/**
 * Writing an image into the store failed (a full disk, say): unlike the source's own I/O errors, whoever reads a
 * download into an {@link Ingest} must not report it as a network failure.
 */
public final class StoreWriteException extends IOException {
    StoreWriteException(IOException cause) {
        super("Cannot write the image into the store: " + cause.getMessage(), cause);
    }
}
