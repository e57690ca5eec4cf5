package io.imgsh.shell.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.Engine;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.ImportRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's progress hook on import and export, and what an interrupt of the copying thread (what Ctrl-C does
 * at the prompt) leaves: no temporary file, no row, no partial or half-written export.
 */
class EngineProgressTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    private Engine engine;

    @BeforeEach
    void open() {
        engine = Engine.open(dir.resolve("home"), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        Thread.interrupted();
        engine.close();
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void importReportsTheBytesReadAgainstTheFileSizes() throws IOException {
        Path file = LargeTarball.write(dir.resolve("big.tar"), 5 * MIB);
        long size = Files.size(file);
        List<long[]> seen = new ArrayList<>();
        engine.images().importImage(new ImportRequest(file, null, List.of(), false, Map.of()),
                (done, total) -> seen.add(new long[] {done, total}));
        assertThat(seen).isNotEmpty().allMatch(u -> u[1] == size);
        assertThat(seen.get(seen.size() - 1)[0]).isEqualTo(size);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i)[0]).isGreaterThanOrEqualTo(seen.get(i - 1)[0]);
        }
    }

    @Test
    void splitImportCountsBothFiles() throws IOException {
        Path meta = LargeTarball.writeMetadata(dir.resolve("meta.tar"));
        Path rootfs = LargeTarball.write(dir.resolve("rootfs.tar"), 3 * MIB);
        long total = Files.size(meta) + Files.size(rootfs);
        List<Long> done = new ArrayList<>();
        engine.images().importImage(new ImportRequest(meta, rootfs, List.of(), false, Map.of()), (d, t) -> {
            assertThat(t).isEqualTo(total);
            done.add(d);
        });
        assertThat(done.get(done.size() - 1)).isEqualTo(total);
    }

    @Test
    void anInterruptedImportLeavesNoTemporaryFileAndNoImage() throws IOException {
        Path file = LargeTarball.write(dir.resolve("big.tar"), 48 * MIB);
        assertThatThrownBy(() -> engine.images().importImage(new ImportRequest(file, null, List.of("big"), false,
                Map.of()), (done, total) -> {
                    if (done > 8 * MIB) {
                        Thread.currentThread().interrupt();
                    }
                }))
                .isInstanceOf(EngineException.class).hasMessage("Import interrupted");
        Thread.interrupted();
        assertThat(names(dir.resolve("home/tmp"))).isEmpty();
        assertThat(names(dir.resolve("home/images"))).isEmpty();
        assertThat(engine.images().list()).isEmpty();
        assertThat(engine.images().aliases(List.of())).isEmpty();
    }

    @Test
    void exportReportsTheBytesWritten() throws IOException {
        Path file = LargeTarball.write(dir.resolve("big.tar"), 20 * MIB);
        String fp = engine.images().importImage(new ImportRequest(file, null, List.of(), false, Map.of()))
                .fingerprint();
        long size = Files.size(file);
        Path out = Files.createDirectory(dir.resolve("out"));
        List<Long> done = new ArrayList<>();
        engine.images().export(fp, out.toString(), (d, t) -> {
            assertThat(t).isEqualTo(size);
            done.add(d);
        });
        assertThat(done).hasSizeGreaterThan(1);
        assertThat(done.get(done.size() - 1)).isEqualTo(size);
        assertThat(names(out)).containsExactly(fp + ".tar");
    }

    @Test
    void anInterruptedExportLeavesNoPartialFile() throws IOException {
        Path file = LargeTarball.write(dir.resolve("big.tar"), 40 * MIB);
        String fp = engine.images().importImage(new ImportRequest(file, null, List.of(), false, Map.of()))
                .fingerprint();
        Path out = Files.createDirectory(dir.resolve("out"));
        assertThatThrownBy(() -> engine.images().export(fp, out.resolve("copy").toString(), (done, total) ->
                Thread.currentThread().interrupt()))
                .isInstanceOf(EngineException.class).hasMessage("Export interrupted");
        Thread.interrupted();
        assertThat(names(out)).isEmpty();
    }

    @Test
    void anInterruptedSplitExportRemovesTheFileAlreadyWritten() throws IOException {
        Path meta = LargeTarball.writeMetadata(dir.resolve("meta.tar"));
        Path rootfs = LargeTarball.write(dir.resolve("rootfs.tar"), 40 * MIB);
        String fp = engine.images().importImage(new ImportRequest(meta, rootfs, List.of(), false, Map.of()))
                .fingerprint();
        long metaSize = Files.size(meta);
        Path out = Files.createDirectory(dir.resolve("out"));
        assertThatThrownBy(() -> engine.images().export(fp, out.toString(), (done, total) -> {
            if (done > metaSize) {
                Thread.currentThread().interrupt();
            }
        })).isInstanceOf(EngineException.class).hasMessage("Export interrupted");
        Thread.interrupted();
        assertThat(names(out)).isEmpty();
    }
}
