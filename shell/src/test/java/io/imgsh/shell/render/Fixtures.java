package io.imgsh.shell.render;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The images and aliases of the LXD 5.0.2 transcripts, shaped like LXD's api.Image / api.ImageAliasesEntry. */
final class Fixtures {
    static final Instant CREATED = Instant.parse("2023-11-14T22:13:20Z");
    static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    record Alias(String name, String description) {
    }

    record Image(@JsonProperty("auto_update") boolean autoUpdate,
                 SortedMap<String, String> properties,
                 @JsonProperty("public") boolean isPublic,
                 @JsonProperty("expires_at") Instant expiresAt,
                 List<String> profiles,
                 List<Alias> aliases,
                 String architecture,
                 boolean cached,
                 String filename,
                 String fingerprint,
                 long size,
                 String type,
                 @JsonProperty("created_at") Instant createdAt,
                 @JsonProperty("last_used_at") Instant lastUsedAt,
                 @JsonProperty("uploaded_at") Instant uploadedAt) {
    }

    record AliasEntry(String description, String target, String name, String type) {
    }

    /** `lxc image list --format json|yaml` of 06-list.txt, in the server's order. */
    static List<Image> images() {
        return List.of(
                image(true, properties("Edited description", "1.0"), true, Instant.EPOCH, List.of("default"),
                        "uni-gz", "unified-gz.tar.gz",
                        "38e82544a8777860efb603a48ca17be1c23869c82493aee6589320216332ab7a", 734,
                        "2026-11-27T02:23:03.598645087Z"),
                image(false, properties("ImgshTest 2.0 split", "2.0"), true, Instant.EPOCH, List.of("default"),
                        "split", "split-rootfs.tar.xz",
                        "8b63b0cd169b9b0aacd1cfa98273ceb0c8ba4dde2c9f4bd849ab449119522640", 932,
                        "2026-11-27T02:23:03.634890771Z"),
                image(false, new TreeMap<>(), false, Instant.parse("2030-01-01T00:00:00Z"), List.of(),
                        "uni-xz", "unified-xz.tar.xz",
                        "ab6fcc1f7c7daa1eb1a083a3d67775bb93e93f30a49e8eb28e54f3048df41591", 728,
                        "2026-11-27T02:23:03.565059501Z"),
                image(false, properties("ImgshTest 2.0 split", "2.0"), false, Instant.EPOCH, List.of("default"),
                        "split-sq", "split-rootfs.squashfs",
                        "c6e36950be3eda99c9b44ac94c67c0819fa2fc35755203745d5d11044fcca467", 4496,
                        "2026-11-27T02:23:03.663632619Z"));
    }

    /** `lxc image alias list --format json|yaml` of 04-alias.txt. */
    static List<AliasEntry> aliases() {
        String uniXz = "ab6fcc1f7c7daa1eb1a083a3d67775bb93e93f30a49e8eb28e54f3048df41591";
        return List.of(
                new AliasEntry("", uniXz, "renamed", "container"),
                new AliasEntry("", "8b63b0cd169b9b0aacd1cfa98273ceb0c8ba4dde2c9f4bd849ab449119522640", "split", "container"),
                new AliasEntry("", "c6e36950be3eda99c9b44ac94c67c0819fa2fc35755203745d5d11044fcca467", "split-sq", "container"),
                new AliasEntry("", "38e82544a8777860efb603a48ca17be1c23869c82493aee6589320216332ab7a", "uni-gz", "container"),
                new AliasEntry("", uniXz, "uni-xz", "container"));
    }

    static final List<String> IMAGE_HEADERS = List.of(
            "ALIAS", "FINGERPRINT", "PUBLIC", "DESCRIPTION", "ARCHITECTURE", "TYPE", "SIZE", "UPLOAD DATE");

    /** The default columns of 06-list.txt, in an order that differs from the display order. */
    static List<List<String>> imageRows() {
        String date = "Nov 27, 2026 at 2:23am (UTC)";
        return new ArrayList<>(List.of(
                List.of("uni-xz", "ab6fcc1f7c7d", "no", "", "x86_64", "CONTAINER", "0.00MB", date),
                List.of("uni-gz", "38e82544a877", "yes", "Edited description", "x86_64", "CONTAINER", "0.00MB", date),
                List.of("split-sq", "c6e36950be3e", "no", "ImgshTest 2.0 split", "x86_64", "CONTAINER", "0.00MB", date),
                List.of("split", "8b63b0cd169b", "yes", "ImgshTest 2.0 split", "x86_64", "CONTAINER", "0.00MB", date)));
    }

    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    static String render(OutputFormat format, List<String> headers, List<List<String>> rows, List<?> objects) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ListRenderer.render(format, headers, rows, objects, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Image image(boolean autoUpdate, SortedMap<String, String> properties, boolean isPublic,
                               Instant expiresAt, List<String> profiles, String alias, String filename,
                               String fingerprint, long size, String uploadedAt) {
        return new Image(autoUpdate, properties, isPublic, expiresAt, profiles, List.of(new Alias(alias, "")),
                "x86_64", false, filename, fingerprint, size, "container", CREATED, GO_ZERO_TIME,
                Instant.parse(uploadedAt));
    }

    private static SortedMap<String, String> properties(String description, String release) {
        return new TreeMap<>(Map.of("description", description, "os", "imgshtest", "release", release,
                "variant", "default"));
    }

    private Fixtures() {
    }
}
