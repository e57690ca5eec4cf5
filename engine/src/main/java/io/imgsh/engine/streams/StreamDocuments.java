package io.imgsh.engine.streams;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.SortedMap;

/**
 * The two JSON files of a simplestreams tree with the field names LXD's {@code shared/simplestreams} reads. Maps are
 * sorted so that the same images always give the same bytes.
 */
final class StreamDocuments {
    static final String INDEX_PATH = "streams/v1/index.json";
    static final String PRODUCTS_PATH = "streams/v1/images.json";
    static final String DATATYPE = "image-downloads";
    /** The metadata file of a split image. */
    static final String META_FTYPE = "lxd.tar.xz";
    /** A unified image: LXD's client takes its own sha256 as the fingerprint, whatever its compression. */
    static final String UNIFIED_FTYPE = "lxd_combined.tar.gz";

    private StreamDocuments() {
    }

    /** {@code streams/v1/index.json}. */
    @JsonPropertyOrder({"format", "updated", "index"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Index(String format, String updated, SortedMap<String, IndexEntry> index) {
    }

    @JsonPropertyOrder({"datatype", "path", "format", "updated", "products"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    record IndexEntry(String datatype, String path, String format, String updated, List<String> products) {
    }

    /** The products file, {@code streams/v1/images.json}. */
    @JsonPropertyOrder({"content_id", "datatype", "format", "updated", "products"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Products(@JsonProperty("content_id") String contentId, String datatype, String format, String updated,
                    SortedMap<String, Product> products) {
    }

    @JsonPropertyOrder({"aliases", "arch", "os", "release", "release_title", "variant", "version",
            "lxd_requirements", "versions"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Product(String aliases, String arch, String os, String release,
                   @JsonProperty("release_title") String releaseTitle, String variant, String version,
                   @JsonProperty("lxd_requirements") SortedMap<String, String> lxdRequirements,
                   @JsonInclude(JsonInclude.Include.ALWAYS) SortedMap<String, Version> versions) {
    }

    @JsonPropertyOrder({"label", "items"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Version(String label, @JsonInclude(JsonInclude.Include.ALWAYS) SortedMap<String, Item> items) {
    }

    /** A file of a version; the metadata item carries the combined hash (the fingerprint) for its root. */
    @JsonPropertyOrder({"ftype", "path", "size", "sha256", "combined_sha256", "combined_rootxz_sha256",
            "combined_squashfs_sha256", "combined_disk-kvm-img_sha256"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(String ftype, String path, long size, String sha256,
                @JsonProperty("combined_sha256") String combinedSha256,
                @JsonProperty("combined_rootxz_sha256") String combinedRootxzSha256,
                @JsonProperty("combined_squashfs_sha256") String combinedSquashfsSha256,
                @JsonProperty("combined_disk-kvm-img_sha256") String combinedDiskKvmImgSha256) {

        static Item file(String ftype, String path, long size, String sha256) {
            return new Item(ftype, path, size, sha256, null, null, null, null);
        }

        /** The metadata item of an image whose root is of {@code root}: its combined hash is {@code fingerprint}. */
        static Item metadata(String path, long size, String sha256, RootType root, String fingerprint) {
            return new Item(META_FTYPE, path, size, sha256, root == RootType.ROOT_TAR ? fingerprint : null,
                    root == RootType.ROOT_TAR ? fingerprint : null, root == RootType.SQUASHFS ? fingerprint : null,
                    root == RootType.DISK_KVM ? fingerprint : null);
        }

        /** The combined hash (fingerprint) this metadata item gives with a root of {@code root}, as LXD reads it. */
        String combinedFor(RootType root) {
            return switch (root) {
                case SQUASHFS -> combinedSquashfsSha256;
                case ROOT_TAR -> combinedRootxzSha256 != null ? combinedRootxzSha256 : combinedSha256;
                case DISK_KVM -> combinedDiskKvmImgSha256;
            };
        }
    }
}
