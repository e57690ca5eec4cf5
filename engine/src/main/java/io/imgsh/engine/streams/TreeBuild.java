package io.imgsh.engine.streams;

import com.fasterxml.jackson.core.type.TypeReference;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.streams.StreamDocuments.Index;
import io.imgsh.engine.streams.StreamDocuments.IndexEntry;
import io.imgsh.engine.streams.StreamDocuments.Products;
import io.imgsh.engine.image.Progress;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Brings a tree to a plan so that a reader never meets a file the JSON names but the tree lacks: the new image files
 * first, then the direct-protocol files and the JSON (each replaced by a rename), and the files no longer named last.
 * Only files imgsh wrote are ever removed: they are listed in {@value #STATE}, which is widened to the new files
 * before they are written, so that a build that dies still leaves every file it made listed for the next one.
 * A file that is already there is left alone, so an unchanged store writes nothing.
 */
final class TreeBuild {
    static final String STATE = ".imgsh-streams.json";
    static final String LOCK = ".imgsh-streams.lock";

    private final Path dir;
    private final TreeFiles files;

    TreeBuild(Path dir) {
        this.dir = dir;
        this.files = new TreeFiles(dir);
    }

    /**
     * {@code published}: the products file the tree had when {@code plan} was made. {@code progress} hears of the
     * bytes of image files placed so far, of those the build places.
     */
    BuildReport run(TreePlanner.Plan plan, Optional<Products> published, int images, boolean hardLink, Instant now,
                    Progress progress) throws IOException {
        Files.createDirectories(dir);
        try (FileChannel lockFile = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = tryLock(lockFile)) {
            files.sweep();
            SortedSet<String> old = readState();
            SortedSet<String> wanted = new TreeSet<>();
            plan.files().forEach(f -> wanted.add(f.path()));
            wanted.add(DirectEntry.PATH);
            wanted.add(NginxInclude.PATH);
            SortedSet<String> union = new TreeSet<>(old);
            union.addAll(wanted);
            writeState(union);

            List<PlannedFile> missing = new ArrayList<>();
            for (PlannedFile f : plan.files()) {
                Path target = files.resolve(f.path());
                if (!old.contains(f.path()) || !Files.isRegularFile(target) || Files.size(target) != f.size()) {
                    missing.add(f);
                }
            }
            long total = missing.stream().mapToLong(PlannedFile::size).sum();
            long placed = 0;
            List<String> added = new ArrayList<>();
            for (PlannedFile f : missing) {
                files.place(f.path(), f.source(), hardLink);
                added.add(f.path());
                placed += f.size();
                progress.update(placed, total);
            }
            List<String> rewritten = new ArrayList<>();
            SortedMap<String, DirectEntry> aliases = new TreeMap<>();
            plan.direct().forEach(e -> aliases.put(e.alias(), e));
            write(DirectEntry.PATH, StreamJson.bytes(aliases), rewritten);
            write(NginxInclude.PATH, NginxInclude.of(plan.direct()).getBytes(StandardCharsets.UTF_8), rewritten);
            writeJson(plan, published, now, rewritten);

            List<String> removed = new ArrayList<>();
            for (String path : old) {
                if (!wanted.contains(path)) {
                    files.delete(path);
                    removed.add(path);
                }
            }
            writeState(wanted);
            return new BuildReport(images, plan.products().size(), added, removed, rewritten, plan.notes());
        }
    }

    private FileLock tryLock(FileChannel channel) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new EngineException("Another streams build is writing " + dir + ": try again when it is done");
        }
        return lock;
    }

    /** The products file, then the index; each keeps its {@code updated} time unless its content changes. */
    private void writeJson(TreePlanner.Plan plan, Optional<Products> published, Instant now, List<String> rewritten)
            throws IOException {
        String updated = published.map(Products::updated)
                .filter(before -> published.get().equals(products(before, plan)))
                .orElse(StreamJson.timestamp(now));
        write(StreamDocuments.PRODUCTS_PATH, StreamJson.bytes(products(updated, plan)), rewritten);
        TreeMap<String, IndexEntry> entries = new TreeMap<>();
        entries.put("images", new IndexEntry(StreamDocuments.DATATYPE, StreamDocuments.PRODUCTS_PATH,
                "products:1.0", updated, List.copyOf(plan.products().keySet())));
        write(StreamDocuments.INDEX_PATH, StreamJson.bytes(new Index("index:1.0", updated, entries)), rewritten);
    }

    private static Products products(String updated, TreePlanner.Plan plan) {
        return new Products("images", StreamDocuments.DATATYPE, "products:1.0", updated, plan.products());
    }

    private void write(String path, byte[] bytes, List<String> rewritten) throws IOException {
        if (files.write(path, bytes)) {
            rewritten.add(path);
        }
    }

    private SortedSet<String> readState() throws IOException {
        Path state = dir.resolve(STATE);
        if (!Files.isRegularFile(state)) {
            return new TreeSet<>();
        }
        TreeSet<String> paths;
        try {
            paths = StreamJson.mapper().readValue(state.toFile(), new TypeReference<TreeSet<String>>() { });
        } catch (IOException e) {
            throw new EngineException("Cannot read " + state + " (the files imgsh wrote in the tree): "
                    + e.getMessage() + "; remove the tree or repair the file", e);
        }
        paths.forEach(files::resolve);
        return paths;
    }

    private void writeState(SortedSet<String> paths) throws IOException {
        files.write(STATE, StreamJson.bytes(paths));
    }
}
