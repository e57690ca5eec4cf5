package io.imgsh.engine.format;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
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

    /** Why a file operation failed, as Go words it (LXD's messages are Go's), where the JDK gives only a class. */
    public static String reason(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getReason() != null ? e.getReason().toLowerCase(Locale.ROOT) : e.getClass().getSimpleName();
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
