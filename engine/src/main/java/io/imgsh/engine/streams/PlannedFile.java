package io.imgsh.engine.streams;

import java.nio.file.Path;

/** A file of the tree at {@code path} (relative, with {@code /}), made from the store's {@code source}. */
record PlannedFile(String path, Path source, long size, String sha256) {
}
