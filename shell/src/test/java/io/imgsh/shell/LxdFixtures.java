package io.imgsh.shell;

import io.imgsh.store.ReferenceFixtures;
import java.nio.file.Path;

/** The reference images of {@code shared/peers/make-test-images.sh} and their LXD fingerprints. */
public final class LxdFixtures {
    public static final String UNIFIED_XZ = ReferenceFixtures.UNIFIED_XZ;
    public static final String UNIFIED_GZ = ReferenceFixtures.UNIFIED_GZ;
    public static final String SPLIT = ReferenceFixtures.SPLIT;
    public static final String SPLIT_SQUASHFS = ReferenceFixtures.SPLIT_SQUASHFS;

    private LxdFixtures() {
    }

    /** Builds the fixtures into {@code dir}, or skips (fails under IMGSH_REQUIRE_E2E) with the reason it cannot. */
    public static Path make(Path dir) {
        return ReferenceFixtures.make(dir);
    }
}
