package io.imgsh.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.format.Compression;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code image list} filters over images in a real store (LXD's imageShouldShow; lxd-5.0.2-observed.md §4). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageFilterTest {
    @TempDir
    static Path tmp;
    ImageFixture fx;
    String unified;
    String split;
    String arm;

    @BeforeAll
    void images() {
        fx = new ImageFixture(tmp);
        unified = fx.importDistinct("ImgshTest 1.0 unified", "uni-xz", "uni-gz");
        split = fx.importSplit(
                fx.file("m.tar.xz", ImageFixture.metaTar("""
                        architecture: x86_64
                        creation_date: 1700000000
                        properties:
                          description: Edited description
                          os: imgshtest
                          release: "2.0"
                          requirements.secureboot: "false"
                        templates:
                          /etc/hostname:
                            template: hostname.tpl
                        """).build(Compression.XZ)),
                fx.file("r.tar.xz", ImageFixture.rootfsTar().build(Compression.XZ)), "split").fingerprint();
        fx.images().update(split, new ImagePut(false, fx.images().get(split).properties(), true, null, null));
        arm = fx.images().importImage(new ImportRequest(fx.file("vm.tar.gz", new io.imgsh.engine.format.TarBuilder()
                .file("metadata.yaml", """
                        architecture: arm64
                        creation_date: 1700000000
                        properties:
                          description: arm one
                          os: Other
                          weird: a(b
                          architecture: i686
                        """).file("rootfs.img", ImageFixture.qcow2()).build(Compression.GZIP)),
                null, List.of(), false, Map.of())).fingerprint();
    }

    @AfterAll
    void close() {
        fx.close();
    }

    private List<String> list(String... filters) {
        return fx.images().list(ImageFilter.of(List.of(filters))).stream().map(Image::fingerprint).toList();
    }

    @Test
    void noFiltersListEverythingInStoreOrder() {
        assertThat(list()).containsExactly(unified, split, arm);
        assertThat(ImageFilter.of(List.of()).matches(fx.images().get(arm))).isTrue();
    }

    @Test
    void bareWordsMatchAliasOrFingerprintSubstrings() {
        assertThat(list("uni")).containsExactly(unified);
        assertThat(list("-gz")).containsExactly(unified);
        assertThat(list("spl")).containsExactly(split);
        assertThat(list(arm.substring(30, 40))).containsExactly(arm);
        assertThat(list(split)).containsExactly(split);
        assertThat(list(split.substring(0, 4).toUpperCase().replaceAll("[0-9]", "G"))).isEmpty();
        assertThat(list("nothing-like-this")).isEmpty();
        // A bare word is not matched against properties or other fields.
        assertThat(list("imgshtest")).isEmpty();
        assertThat(list("x86_64")).isEmpty();
    }

    @Test
    void bareWordsAreCaseSensitive() {
        String upper = unified.substring(0, 6).toUpperCase();
        if (!upper.equals(unified.substring(0, 6))) {
            assertThat(list(upper)).isEmpty();
        }
        assertThat(list("UNI")).isEmpty();
    }

    @Test
    void propertyKeysMatchByDotSeparatedPrefix() {
        assertThat(list("req.secure=false")).containsExactly(split);
        assertThat(list("requirements.secureboot=false")).containsExactly(split);
        assertThat(list("r.s=false")).containsExactly(split);
        assertThat(list("req.secure=true")).isEmpty();
        assertThat(list("req=false")).as("different number of components").isEmpty();
        assertThat(list("requirements.secureboot.x=false")).isEmpty();
        assertThat(list("desc=arm one")).containsExactly(arm);
        assertThat(list("properties.os=imgshtest")).as("no properties. prefix, as in LXD").isEmpty();
    }

    @Test
    void propertyValuesAreAnchoredRegularExpressions() {
        assertThat(list("os=imgsh.*")).containsExactly(unified, split);
        assertThat(list("os=imgsh")).isEmpty();
        assertThat(list("os=imgshtest")).containsExactly(unified, split);
        assertThat(list("description=Edited")).isEmpty();
        assertThat(list("description=^Edited")).containsExactly(split);
        assertThat(list("description=unified$")).containsExactly(unified);
        assertThat(list("rel=2.*")).containsExactly(split);
        assertThat(list("release=1.0")).containsExactly(unified);
        assertThat(list("os=other")).as("case-sensitive").isEmpty();
        assertThat(list("os=(?i)other")).containsExactly(arm);
    }

    @Test
    void anInvalidRegularExpressionFallsBackToExactComparison() {
        assertThat(list("weird=a(b")).containsExactly(arm);
        assertThat(list("weird=a(")).isEmpty();
        assertThat(list("weird=a[b")).as("invalid too, and not equal").isEmpty();
        assertThat(list("weird=a.b")).as("a valid expression matching a(b").containsExactly(arm);
    }

    @Test
    void topLevelFieldsMatchExactly() {
        assertThat(list("public=true")).containsExactly(split);
        assertThat(list("public=false")).containsExactly(unified, arm);
        assertThat(list("architecture=x86_64")).containsExactly(unified, split);
        assertThat(list("architecture=aarch64")).containsExactly(arm);
        assertThat(list("architecture=x86_.*")).as("top-level fields are not regular expressions").isEmpty();
        assertThat(list("type=container")).containsExactly(unified, split);
        assertThat(list("type=virtual-machine")).containsExactly(arm);
        assertThat(list("cached=false")).containsExactly(unified, split, arm);
        assertThat(list("auto_update=false")).containsExactly(unified, split, arm);
        assertThat(list("fingerprint=" + split)).containsExactly(split);
        assertThat(list("fingerprint=" + split.substring(0, 12))).isEmpty();
        assertThat(list("size=" + fx.images().get(arm).size())).containsExactly(arm);
        assertThat(list("filename=vm.tar.gz")).containsExactly(arm);
        assertThat(list("created_at=2023-11-14T22:13:20Z")).containsExactly(unified, split, arm);
        assertThat(list("nosuchfield=x")).isEmpty();
    }

    @Test
    void aPropertyAndATopLevelFieldOfTheSameNameBothCount() {
        // The arm image has the property architecture=i686 and the field architecture=aarch64.
        assertThat(list("architecture=i686")).containsExactly(arm);
        assertThat(list("architecture=aarch64")).containsExactly(arm);
    }

    @Test
    void filtersAreAnded() {
        assertThat(list("os=imgshtest", "release=2.*")).containsExactly(split);
        assertThat(list("os=imgshtest", "uni")).containsExactly(unified);
        assertThat(list("split", "public=false")).isEmpty();
        assertThat(list("architecture=x86_64", "type=container", "public=true", "req.secure=false"))
                .containsExactly(split);
        assertThat(list("ab6f", "split-sq")).isEmpty();
    }
}
