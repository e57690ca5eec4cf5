package io.imgsh.engine.format;

import java.util.Arrays;

/** Path rules for names inside image tarballs and metadata.yaml. */
public final class EntryNames {
    private EntryNames() {
    }

    /** True for an absolute name or one with a {@code ..} component: it could point outside the image. */
    public static boolean isUnsafe(String name) {
        return name.startsWith("/") || Arrays.asList(name.split("/")).contains("..");
    }

    /** {@code ./x} → {@code x}; LXD accepts both spellings of the entries it looks for. */
    public static String withoutDotSlash(String name) {
        return name.startsWith("./") ? name.substring(2) : name;
    }

    /**
     * True for a name (already {@link #withoutDotSlash}) that is {@code metadata.yaml}, also as a
     * directory, which commons-compress always reports with a trailing slash, so that it can be
     * refused as non-regular rather than reported missing.
     */
    static boolean isMetadataYaml(String name) {
        return name.equals("metadata.yaml") || name.equals("metadata.yaml/");
    }
}
