package io.imgsh.engine.image;

import java.io.IOException;
import java.io.InputStream;

/** Where an image's files go as they are read, one after the other (see {@link Images#export(Image, ImageSink, Progress)}). */
@FunctionalInterface
public interface ImageSink {
    /**
     * Reads {@code in} to its end as {@code part} and returns the SHA-256 of its bytes (lowercase hex). An
     * {@link IOException} is one of reading {@code in}; the sink reports its own failures (a full disk) unchecked, so
     * that a reader never takes them for a network failure.
     */
    String accept(ImagePart part, InputStream in) throws IOException;
}
