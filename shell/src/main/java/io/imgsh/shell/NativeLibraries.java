package io.imgsh.shell;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The native libraries of SQLite's driver and of JLine, which the launcher has the build unpack and names to them
 * ({@code org.sqlite.lib.path}, {@code library.jline.path}), pointing their temporary directories there too. A
 * library not named so, or whose named copy fails to load, is unpacked into the temporary directory, to be deleted
 * when the JVM exits.
 */
final class NativeLibraries {
    private NativeLibraries() {
    }

    /** Whether a library may have been unpacked into a temporary file that only an exit of the JVM deletes. */
    static boolean mayHaveTemporaryCopies() {
        return mayHaveTemporaryCopies(System::getProperty);
    }

    /** {@link #mayHaveTemporaryCopies()} with these system properties. */
    static boolean mayHaveTemporaryCopies(UnaryOperator<String> properties) {
        return mayHaveCopy(properties, "org.sqlite.lib.path", "org.sqlite.tmpdir", "sqlite-")
                || mayHaveCopy(properties, "library.jline.path", "jline.tmpdir", "jlinenative-");
    }

    private static boolean mayHaveCopy(UnaryOperator<String> properties, String libraryPath,
                                       String temporaryDirectory, String copyPrefix) {
        String directory = properties.apply(temporaryDirectory);
        if (properties.apply(libraryPath) == null || directory == null) {
            return true;
        }
        // the directory holds the unpacked libraries, and a temporary copy only when one of them failed to load
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(Path.of(directory), copyPrefix + "*")) {
            return copies.iterator().hasNext();
        } catch (IOException | InvalidPathException e) {
            return true;
        }
    }
}
