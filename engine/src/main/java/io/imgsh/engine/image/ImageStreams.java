package io.imgsh.engine.image;

import io.imgsh.engine.format.ImageType;
import java.io.IOException;

/**
 * An image's files arriving as streams, one after the other, such as the body of an upload: a unified file alone, or
 * metadata then rootfs. They can be read once only.
 */
@FunctionalInterface
public interface ImageStreams {
    /**
     * Hands each file to {@code sink} in order as it arrives, and returns what the sender said of them. An
     * {@link IOException} is one of receiving the files.
     */
    Sent sendTo(ImageSink sink) throws IOException;

    /**
     * What the sender said of the files it sent.
     *
     * @param filename  the file name the image keeps
     * @param splitType the type of a split image, which its sender names (LXD's {@code rootfs} or {@code rootfs.img}
     *                  part); null for a unified one, whose tarball says
     */
    record Sent(String filename, ImageType splitType) {
    }
}
