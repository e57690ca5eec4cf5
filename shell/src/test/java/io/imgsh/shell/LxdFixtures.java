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

    /** The split image, public and aliased "split", as one item of {@code lxc image list --format yaml}. */
    public static String splitListYaml(String uploadedAt) {
        return """
                - auto_update: false
                  properties:
                    description: ImgshTest 2.0 split
                    os: imgshtest
                    release: "2.0"
                    variant: default
                  public: true
                  expires_at: 1970-01-01T00:00:00Z
                  profiles:
                  - default
                  aliases:
                  - name: split
                    description: ""
                  architecture: x86_64
                  cached: false
                  filename: split-rootfs.tar.xz
                  fingerprint: 8b63b0cd169b9b0aacd1cfa98273ceb0c8ba4dde2c9f4bd849ab449119522640
                  size: 932
                  type: container
                  created_at: 2023-11-14T22:13:20Z
                  last_used_at: 0001-01-01T00:00:00Z
                  uploaded_at: %s
                """.formatted(uploadedAt);
    }

    /** Builds the fixtures into {@code dir}, or skips (fails under IMGSH_REQUIRE_E2E) with the reason it cannot. */
    public static Path make(Path dir) {
        return ReferenceFixtures.make(dir);
    }
}
