package io.imgsh.store;

import java.io.IOException;

/**
 * The bytes a download kept could not be read back to be hashed (an I/O error of the disk): unlike bytes that turn
 * out wrong, they may well be right, so the download stays for a later run.
 */
public final class StoreReadException extends IOException {
    StoreReadException(IOException cause) {
        super("Cannot read back the kept download: " + cause.getMessage(), cause);
    }
}
