package io.imgsh.engine.format;

/**
 * How much a tarball may yield when decompressed: at most {@code maxBytes} in all, and once past {@code ratioFrom}
 * bytes no more than {@code maxRatio} bytes for each compressed byte read so far.
 */
record DecompressionLimit(long maxBytes, long ratioFrom, long maxRatio) {
    static final DecompressionLimit NONE = new DecompressionLimit(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    static DecompressionLimit total(long maxBytes) {
        return new DecompressionLimit(maxBytes, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    static DecompressionLimit ratio(long from, long maxRatio) {
        return new DecompressionLimit(Long.MAX_VALUE, from, maxRatio);
    }

    /** Why {@code decompressed} bytes from {@code compressed} are too many for the {@code label}, or null. */
    String exceededBy(long decompressed, long compressed, String label) {
        if (decompressed > maxBytes) {
            return "The " + label + " decompresses to more than " + (maxBytes >> 20) + " MiB, more than any " + label
                    + " needs";
        }
        if (decompressed > ratioFrom && decompressed / maxRatio > compressed) {
            return "The " + label + " decompresses to more than " + maxRatio
                    + " times its compressed size, which real images do not";
        }
        return null;
    }
}
