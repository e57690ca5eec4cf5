package io.imgsh.engine.image;

/** One file of an image, in the order an image's files are sent: a unified file alone, or metadata then rootfs. */
public enum ImagePart {
    UNIFIED(null), METADATA("metadata"), ROOTFS("rootfs");

    private final String stage;

    ImagePart(String stage) {
        this.stage = stage;
    }

    /** The stage a progress display names while this part moves; null for a unified file. */
    public String stage() {
        return stage;
    }

    /** The part at {@code index} of an image of {@code count} files. */
    public static ImagePart of(int index, int count) {
        return count == 1 ? UNIFIED : index == 0 ? METADATA : ROOTFS;
    }
}
