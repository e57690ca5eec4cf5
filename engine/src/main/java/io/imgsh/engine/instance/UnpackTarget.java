package io.imgsh.engine.instance;

import java.nio.file.Path;

/**
 * Where an entry of an image tarball goes: {@code relative} (never empty: "." is the root itself) under
 * {@code root}, owned by the entry's ids plus {@code idOffset}.
 */
record UnpackTarget(Path root, String relative, int idOffset) {
}
