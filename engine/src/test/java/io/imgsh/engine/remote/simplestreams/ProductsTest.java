package io.imgsh.engine.remote.simplestreams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.ImageAlias;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Products files to images, for catalogs {@code SimpleStreamsTest} does not serve: odd item sets of one version. */
class ProductsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);
    private static final String PRODUCT = "imgshtest:1.0:amd64:default";
    private static final String SERIAL = "20260201_0300";

    private final ObjectNode file = JSON.createObjectNode();
    private final ObjectNode items;

    ProductsTest() {
        ObjectNode product = file.putObject("products").putObject(PRODUCT);
        product.put("aliases", "imgshtest/1.0").put("arch", "amd64").put("os", "imgshtest").put("release", "1.0");
        items = product.putObject("versions").putObject(SERIAL).putObject("items");
    }

    private ObjectNode item(String key, String ftype, String sha256) {
        return items.putObject(key).put("ftype", ftype).put("path", "images/" + key).put("size", 10)
                .put("sha256", sha256);
    }

    private Products.Catalog catalog() {
        return Products.toImages(List.of(file), "x86_64", false);
    }

    private static String item(String key) {
        return PRODUCT + "/" + SERIAL + "/" + key;
    }

    @Test
    void aVersionWithThousandsOfMetadataAndRootItemsGivesEachFingerprintItsFirstItems() {
        // every metadata item combined with every root item would be 10^8 images: more than any heap holds
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            item("lxd" + i, "lxd.tar.xz", C).put("combined_squashfs_sha256", A);
            item("root" + i, "squashfs", C);
        }
        item("incus", "incus.tar.xz", C).put("combined_squashfs_sha256", B);

        Products.Catalog catalog = catalog();
        assertThat(catalog.images()).extracting(StreamImage::fingerprint).containsExactly(A, B);
        assertThat(catalog.byFingerprint().get(A).files()).extracting(StreamFile::item)
                .containsExactly(item("lxd0"), item("root0"));
        assertThat(catalog.byFingerprint().get(B).files()).extracting(StreamFile::item)
                .containsExactly(item("incus"), item("root0"));
        assertThat(catalog.byFingerprint().get(A).image().aliases()).extracting(ImageAlias::name)
                .containsExactly("imgshtest/1.0", "imgshtest/1.0/amd64");
        assertThat(catalog.byFingerprint().get(B).image().aliases()).isEmpty();
        assertThat(catalog.aliases()).extracting(AliasEntry::target).containsOnly(A);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside/evil", "/etc/x", "", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void anImageWhoseFingerprintIsNotASha256IsLeftOut(String fingerprint) {
        item("lxd", "lxd.tar.xz", C).put("combined_squashfs_sha256", fingerprint).put("combined_rootxz_sha256", A);
        item("root.squashfs", "squashfs", C);
        item("root.tar.xz", "root.tar.xz", C);
        item("unified", "lxd_combined.tar.gz", fingerprint);

        Products.Catalog catalog = catalog();
        assertThat(catalog.images()).extracting(StreamImage::fingerprint).containsExactly(A);
        assertThat(catalog.aliases()).extracting(AliasEntry::target).containsOnly(A);
    }

    @Test
    void anImageWithAFileHashThatIsNotASha256IsLeftOutButOneWithoutAHashIsListed() {
        item("lxd", "lxd.tar.xz", C).put("combined_squashfs_sha256", A).put("combined_rootxz_sha256", B);
        item("root.squashfs", "squashfs", "../outside/evil");
        item("root.tar.xz", "root.tar.xz", C).remove("sha256");

        // the one without a hash is refused when it is downloaded (SimpleStreamsTest), as LXD refuses it
        assertThat(catalog().images()).extracting(StreamImage::fingerprint).containsExactly(B);
    }
}
