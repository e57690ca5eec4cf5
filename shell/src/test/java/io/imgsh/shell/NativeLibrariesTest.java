package io.imgsh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the JVM must exit rather than halt: a native library may lie unpacked in a temporary file to delete. */
class NativeLibrariesTest {
    @TempDir
    Path dir;

    private Path sqlite;
    private Path jline;
    private final Map<String, String> properties = new HashMap<>();

    @BeforeEach
    void asTheLauncherSetsThem() throws IOException {
        sqlite = Files.createDirectories(dir.resolve("sqlite"));
        jline = Files.createDirectories(dir.resolve("jline"));
        Files.createFile(sqlite.resolve("libsqlitejdbc.so"));
        Files.createDirectories(jline.resolve("Linux/x86_64"));
        properties.putAll(Map.of("org.sqlite.lib.path", sqlite.toString(), "org.sqlite.tmpdir", sqlite.toString(),
                "library.jline.path", jline.toString(), "jline.tmpdir", jline.toString()));
    }

    @Test
    void librariesLoadedFromTheCopiesTheLauncherNamedLeaveNothingToDelete() {
        assertThat(NativeLibraries.mayHaveTemporaryCopies(properties::get)).isFalse();
    }

    @Test
    void aLibraryTheLauncherDidNotNameIsUnpackedToATemporaryFile() {
        for (String property : new String[] {"org.sqlite.lib.path", "org.sqlite.tmpdir", "library.jline.path",
                "jline.tmpdir"}) {
            Map<String, String> without = new HashMap<>(properties);
            without.remove(property);
            assertThat(NativeLibraries.mayHaveTemporaryCopies(without::get)).as(property).isTrue();
        }
    }

    @Test
    void aCopyInTheTemporaryDirectoryMeansANamedLibraryFailedToLoad() throws IOException {
        Files.createFile(jline.resolve("jlinenative-3.30.6-1a2b-libjlinenative.so"));
        assertThat(NativeLibraries.mayHaveTemporaryCopies(properties::get)).isTrue();

        Files.delete(jline.resolve("jlinenative-3.30.6-1a2b-libjlinenative.so"));
        Files.createFile(sqlite.resolve("sqlite-3.53.4.0-1a2b-libsqlitejdbc.so"));
        assertThat(NativeLibraries.mayHaveTemporaryCopies(properties::get)).isTrue();
    }

    @Test
    void aTemporaryDirectoryThatCannotBeReadCountsAsHoldingACopy() {
        properties.put("jline.tmpdir", dir.resolve("missing").toString());
        assertThat(NativeLibraries.mayHaveTemporaryCopies(properties::get)).isTrue();
    }
}
