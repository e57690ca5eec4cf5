package io.imgsh.shell;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The writable fields of the standard test image ("ImgshTest 1.0 unified": {@link TestImages#unified} and LXD's
 * unified reference images) right after import, as {@code image show} prints them and as the tree they are printed
 * from.
 */
public final class SampleImage {
    /** {@code image show} of the freshly imported standard image, as LXD 5.0.2 prints it. */
    public static final String SHOW = show("ImgshTest 1.0 unified", "1.0");

    private SampleImage() {
    }

    /** {@code image show} of a freshly imported reference image with this description and release. */
    public static String show(String description, String release) {
        return """
                auto_update: false
                properties:
                  description: %s
                  os: imgshtest
                  release: "%s"
                  variant: default
                public: false
                expires_at: 1970-01-01T00:00:00Z
                profiles:
                - default
                """.formatted(description, release);
    }

    /** The fields of {@link #SHOW} as a plain tree: LXD's field order, properties in a sorted map as Go sorts them. */
    public static Map<String, Object> writableFields() {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("auto_update", false);
        image.put("properties", new TreeMap<>(Map.of(
                "variant", "default", "release", "1.0", "os", "imgshtest", "description", "ImgshTest 1.0 unified")));
        image.put("public", false);
        image.put("expires_at", Instant.EPOCH);
        image.put("profiles", List.of("default"));
        return image;
    }
}
