package io.imgsh.engine.format;

import java.io.EOFException;
import java.io.IOException;
import java.util.regex.Pattern;

/** Keeps user-facing messages on one line, whatever names and library texts end up inside them. */
public final class Messages {
    private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");
    private static final int MAX_LENGTH = 200;

    private Messages() {
    }

    /** {@code text} with control characters and line separators collapsed to spaces, and shortened. */
    public static String printable(String text) {
        String flat = LINE_BREAKING.matcher(text).replaceAll(" ");
        return flat.length() <= MAX_LENGTH ? flat : flat.substring(0, MAX_LENGTH) + "…";
    }

    /** A short description of why reading failed; library exceptions often carry no message. */
    static String cause(IOException e) {
        String message = e.getMessage() == null ? "" : printable(e.getMessage()).strip();
        if (!message.isEmpty()) {
            return message;
        }
        return e instanceof EOFException ? "unexpected end of data" : e.getClass().getSimpleName();
    }
}
