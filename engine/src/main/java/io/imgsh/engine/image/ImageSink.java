package io.imgsh.engine.image;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where an image's files go as they are read, one after the other (see
 * {@link Images#export(Image, ImageSink, Progress)}).
 */
@FunctionalInterface
public interface ImageSink {
    /**
     * Reads {@code in} to its end as {@code part} and returns the SHA-256 of its bytes (lowercase hex). An
     * {@link IOException} is one of reading {@code in}; the sink reports its own failures (a full disk) unchecked, so
     * that a reader never takes them for a network failure.
     */
    String accept(ImagePart part, InputStream in) throws IOException;

    /**
     * The leading bytes of {@code part} this sink holds already, from a download that broke off earlier: a source
     * that can send a file from an offset sends only the rest, to {@link #accept(ImagePart, long, InputStream)}.
     * A question: asking changes nothing.
     */
    default long held(ImagePart part) {
        return 0;
    }

    /**
     * As {@link #accept(ImagePart, InputStream)}, with {@code in} holding {@code part} from byte {@code from} on: 0
     * (any bytes held are dropped), or {@link #held} when the source sends only the rest. The hash returned is still
     * the whole part's.
     */
    default String accept(ImagePart part, long from, InputStream in) throws IOException {
        if (from != 0) {
            throw new IllegalArgumentException("this sink holds no bytes to continue from " + from);
        }
        return accept(part, in);
    }
}
