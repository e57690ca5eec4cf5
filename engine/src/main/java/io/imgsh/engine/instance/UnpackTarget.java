package io.imgsh.engine.instance;

import java.nio.file.Path;

/**
 * Where an entry of an image tarball goes: {@code relative} (never empty: "." is the root itself) under
 * {@code root}, owned by the entry's ids plus {@code idOffset}; or, {@code hostOwned} (metadata.yaml, templates/),
 * owned by the host's root, writable by it alone, whatever the image says.
 */
record UnpackTarget(Path root, String relative, int idOffset, boolean hostOwned) {
}
