package io.imgsh.engine.remote;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.config.ConfigService;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

/**
 * What bounds every download in time and size: it fails after {@code stallTimeout} of waiting for data that does not
 * come, when less than {@code minRate} bytes per second arrive over a stall timeout of waiting, and past the size its
 * server announced or, when it announced none, past {@code maxSize}.
 */
public record TransferLimits(Duration stallTimeout, long minRate, long maxSize) {
    public TransferLimits {
        if (stallTimeout.isNegative() || stallTimeout.isZero() || minRate < 0 || maxSize < 0) {
            throw new IllegalArgumentException("invalid transfer limits");
        }
    }

    /** The limits in effect in {@code config} (its values were validated when set). */
    public static TransferLimits of(ConfigService config) {
        return new TransferLimits(Duration.ofSeconds(number(config, ConfigKey.DOWNLOAD_STALL_TIMEOUT)),
                number(config, ConfigKey.DOWNLOAD_MIN_RATE), number(config, ConfigKey.MAX_DOWNLOAD_SIZE));
    }

    private static long number(ConfigService config, ConfigKey key) {
        return Long.parseLong(config.get(key.key()));
    }

    /** The fewest bytes that must arrive while the reader waits one stall timeout. */
    long minBytesPerWindow() {
        return (long) Math.ceil(minRate * (stallTimeout.toNanos() / 1e9));
    }

    /**
     * {@code body}, the download of {@code url}, failing once more bytes arrive than the server announced
     * ({@code announced}; -1 when unknown: then {@link #maxSize}). An announced size above the maximum is refused
     * before a byte is read. {@code framing} is what the body may carry besides the image (a multipart's headers).
     */
    public InputStream bounded(InputStream body, URI url, long announced, long framing) {
        if (announced > maxSize) {
            throw new EngineException("The image at " + url + " is " + announced + " bytes, more than "
                    + ConfigKey.MAX_DOWNLOAD_SIZE.key() + " (" + maxSize + " bytes)");
        }
        if (announced >= 0) {
            return new BoundedBody(body, announced + framing, "Download of " + url
                    + " exceeds the announced size of " + announced + " bytes");
        }
        return new BoundedBody(body, maxSize + framing, "Download of " + url + " exceeds "
                + ConfigKey.MAX_DOWNLOAD_SIZE.key() + " (" + maxSize + " bytes)");
    }
}
