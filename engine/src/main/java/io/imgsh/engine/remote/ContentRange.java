package io.imgsh.engine.remote;

import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Content-Range} of a 206 answer, {@code bytes FIRST-LAST/TOTAL}: the body holds bytes FIRST to LAST of a
 * file of TOTAL bytes (-1 for {@code *}, a length the server does not know).
 */
public record ContentRange(long first, long last, long total) {
    private static final Pattern SYNTAX = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");

    /** The Content-Range of {@code response}; empty when it has none, or none that is well formed. */
    public static Optional<ContentRange> of(HttpResponse<?> response) {
        Matcher m = SYNTAX.matcher(response.headers().firstValue("Content-Range").orElse("").trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        return last < first || total >= 0 && last >= total ? Optional.empty()
                : Optional.of(new ContentRange(first, last, total));
    }

    /**
     * Whether the body continues a file of {@code length} bytes (-1: not known) from byte {@code from}: it starts
     * there, and the file it is part of has that length. It may end before the file does; the rest is asked for
     * again.
     */
    public boolean continues(long from, long length) {
        return first == from && (length < 0 || (total < 0 ? last < length : total == length));
    }

    /** The file's length: the total, or {@code fallback} when the server does not know it. */
    public long length(long fallback) {
        return total >= 0 ? total : fallback;
    }
}
