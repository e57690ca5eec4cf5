package io.imgsh.engine.image;

import java.util.List;

/** The new image's fingerprint and the aliases that were taken over from other images. */
public record ImportResult(String fingerprint, List<MovedAlias> movedAliases) {
    /** An alias that pointed at another image before the import. */
    public record MovedAlias(String name, String previousFingerprint) {
    }
}
