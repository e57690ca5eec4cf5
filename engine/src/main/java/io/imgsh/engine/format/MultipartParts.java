package io.imgsh.engine.format;

import io.imgsh.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.MimeIOException;
import org.apache.james.mime4j.io.MaxLineLimitException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * Reads a {@code multipart/form-data} body part by part with Apache James mime4j's streaming parser: each part's
 * bytes are handed over as a stream, never buffered whole. What follows the first closing delimiter is the epilogue
 * and ignored, which also takes care of the doubled closing delimiter LXD 5.0.2 writes after a split export.
 */
public final class MultipartParts {
    /** The longest header line read; longer ones (which mime4j would otherwise buffer whole) are refused. */
    private static final int MAX_HEADER_LINE = 64 * 1024;
    private static final Pattern PARAM = Pattern.compile(
            "(?i)(?:^|;)\\s*(name|filename)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]*))");

    /** Called for each part in order, with its form name, file name and body (valid only during the call). */
    @FunctionalInterface
    public interface PartHandler {
        void part(int index, String name, String filename, InputStream body) throws IOException;
    }

    private MultipartParts() {
    }

    /** Parses {@code body} (whose {@code Content-Type} header is {@code contentType}); returns the number of parts. */
    public static int read(InputStream body, String contentType, PartHandler handler) throws IOException {
        if (boundary(contentType) == null) {
            throw new EngineException("Invalid multipart response: no boundary in \"" + contentType + "\"");
        }
        MimeConfig config = MimeConfig.custom().setMaxLineLen(MAX_HEADER_LINE).setMaxHeaderLen(64 * 1024)
                .setMaxHeaderCount(100).setMaxContentLen(-1).setStrictParsing(true).build();
        MimeTokenStream stream = new MimeTokenStream(config);
        stream.parseHeadless(body, contentType);
        int index = 0;
        boolean closed = false;
        String name = null;
        String filename = null;
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                switch (state) {
                    case T_START_BODYPART -> {
                        name = null;
                        filename = null;
                    }
                    case T_FIELD -> {
                        Field field = stream.getField();
                        if (field.getName().toLowerCase(Locale.ROOT).equals("content-disposition")) {
                            Matcher m = PARAM.matcher(field.getBody());
                            while (m.find()) {
                                String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
                                if (m.group(1).equalsIgnoreCase("name")) {
                                    name = value;
                                } else {
                                    filename = value;
                                }
                            }
                        }
                    }
                    case T_BODY -> {
                        try (InputStream in = stream.getInputStream()) {
                            handler.part(index++, name == null ? "" : name, filename == null ? "" : filename, in);
                            in.transferTo(OutputStream.nullOutputStream());
                        }
                    }
                    case T_END_MULTIPART -> closed = true;
                    default -> {
                    }
                }
            }
        } catch (MimeException | MimeIOException e) {
            throw invalid(e);
        }
        if (!closed) {
            throw new IOException("Invalid multipart body: it ends before its closing delimiter");
        }
        return index;
    }

    private static IOException invalid(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MaxLineLimitException) {
                return new IOException("Invalid multipart body: a header line is longer than "
                        + (MAX_HEADER_LINE >> 10) + " KiB", e);
            }
        }
        return new IOException("Invalid multipart body: " + e.getMessage(), e);
    }

    /** The {@code boundary} parameter of a {@code multipart/…} content type, or null. */
    public static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return null;
        }
        Matcher m = Pattern.compile("(?i);\\s*boundary\\s*=\\s*(?:\"([^\"]+)\"|([^;\\s]+))").matcher(contentType);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }
}
