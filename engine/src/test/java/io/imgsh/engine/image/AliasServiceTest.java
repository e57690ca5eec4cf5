package io.imgsh.engine.image;

import static io.imgsh.engine.image.ImageFixture.metaTar;
import static io.imgsh.engine.image.ImageFixture.metadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.format.Compression;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AliasServiceTest extends ImageFixtureTest {
    String a;
    String b;

    @BeforeEach
    void importTwoImages() {
        a = fx.importDistinct("image a", "uni-xz");
        b = fx.importDistinct("image b");
        fx.clock.advance(Duration.ofMinutes(10));
    }

    @Test
    void createOnAFullFingerprintOrAUniquePrefix() {
        long before = fx.lastEventId();
        fx.images().createAlias("full", a, "by fingerprint");
        String prefix = b.substring(0, a.charAt(0) == b.charAt(0) ? 12 : 1);
        fx.images().createAlias("short", prefix, null);

        assertThat(fx.images().resolve("full").fingerprint()).isEqualTo(a);
        assertThat(fx.images().resolve("short").fingerprint()).isEqualTo(b);
        assertThat(fx.images().get(a).aliases()).containsExactly(new ImageAlias("uni-xz", ""),
                new ImageAlias("full", "by fingerprint"));
        assertThat(fx.eventLines(before)).containsExactly(
                "image-alias-created /1.0/images/aliases/full {\"target\":\"" + a + "\"}",
                "image-alias-created /1.0/images/aliases/short {\"target\":\"" + b + "\"}");
        assertThat(fx.events().stream().filter(e -> e.id() > before))
                .allSatisfy(e -> assertThat(e.timestamp()).isEqualTo(fx.clock.instant()));
    }

    @Test
    void anAliasNameIsNotATarget() {
        ImageFixture.Snapshot before = fx.snapshot();
        assertThatThrownBy(() -> fx.images().createAlias("extra", "uni-xz", ""))
                .isInstanceOf(NotFoundException.class).hasMessage("Image not found");
        assertThatThrownBy(() -> fx.images().createAlias("extra", "", ""))
                .isInstanceOf(NotFoundException.class).hasMessage("Image not found");
        assertThatThrownBy(() -> fx.images().createAlias("extra", "0".repeat(64), ""))
                .isInstanceOf(NotFoundException.class).hasMessage("Image not found");
        fx.assertUnchanged(before);
    }

    @Test
    void anAmbiguousTargetPrefixIsRefused() {
        Map<Character, String> byDigit = new HashMap<>();
        byDigit.put(a.charAt(0), a);
        byDigit.putIfAbsent(b.charAt(0), b);
        String shared = a.charAt(0) == b.charAt(0) ? a.substring(0, 1) : null;
        for (int i = 0; shared == null; i++) {
            String fp = fx.importDistinct("more " + i);
            if (byDigit.putIfAbsent(fp.charAt(0), fp) != null) {
                shared = fp.substring(0, 1);
            }
        }
        String prefix = shared;
        fx.images().createAlias("taken", a, "");
        ImageFixture.Snapshot before = fx.snapshot();
        assertThatThrownBy(() -> fx.images().createAlias("amb", prefix, ""))
                .isInstanceOf(EngineException.class).hasMessageStartingWith("More than one image matches");
        // a name in use is the error first, as in LXD
        assertThatThrownBy(() -> fx.images().createAlias("taken", prefix, ""))
                .isInstanceOf(ConflictException.class).hasMessage("Alias \"taken\" already exists");
        fx.assertUnchanged(before);
    }

    @Test
    void duplicateNameIsAConflict() {
        fx.images().createAlias("dup", a, "");
        ImageFixture.Snapshot before = fx.snapshot();
        assertThatThrownBy(() -> fx.images().createAlias("dup", b, ""))
                .isInstanceOf(ConflictException.class).hasMessage("Alias \"dup\" already exists");
        assertThatThrownBy(() -> fx.images().createAlias("dup", a, ""))
                .isInstanceOf(ConflictException.class).hasMessage("Alias \"dup\" already exists");
        // LXD names the alias in use before a target that is not found
        assertThatThrownBy(() -> fx.images().createAlias("dup", "ffff", ""))
                .isInstanceOf(ConflictException.class).hasMessage("Alias \"dup\" already exists");
        fx.assertUnchanged(before);
        assertThat(fx.images().resolve("dup").fingerprint()).isEqualTo(a);
    }

    @Test
    void invalidNamesAreRefused() {
        ImageFixture.Snapshot before = fx.snapshot();
        for (String name : List.of("", "a:b", "with space", "tab\there", "new\nline")) {
            assertThatThrownBy(() -> fx.images().createAlias(name, a, "")).as(name)
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(ImageFixture::assertOneLine);
            assertThatThrownBy(() -> fx.images().renameAlias("uni-xz", name)).as(name)
                    .isInstanceOf(InvalidInputException.class);
        }
        fx.assertUnchanged(before);
    }

    @Test
    void namesMayContainSlashesDotsAndUnicode() {
        long before = fx.lastEventId();
        fx.images().createAlias("ubuntu/22.04/amd64", a, "");
        fx.images().createAlias("größe", b, "");
        fx.images().createAlias("a+b@c=d&e$f~g*h", b, "");
        fx.images().createAlias("semi;comma,q?x%y#z", b, "");
        assertThat(fx.images().resolve("ubuntu/22.04/amd64").fingerprint()).isEqualTo(a);
        assertThat(fx.images().resolve("größe").fingerprint()).isEqualTo(b);
        assertThat(fx.images().resolve("semi;comma,q?x%y#z").fingerprint()).isEqualTo(b);
        // Event sources escape the name as Go's url.PathEscape does (LXD builds them with api.NewURL().Path()).
        assertThat(fx.eventLines(before)).extracting(l -> l.split(" ")[1]).containsExactly(
                "/1.0/images/aliases/ubuntu%2F22.04%2Famd64", "/1.0/images/aliases/gr%C3%B6%C3%9Fe",
                "/1.0/images/aliases/a+b@c=d&e$f~g%2Ah", "/1.0/images/aliases/semi%3Bcomma%2Cq%3Fx%25y%23z");
    }

    @Test
    void invalidNameErrorsStayOnOneLine() {
        assertThatThrownBy(() -> fx.images().createAlias("new\nline", a, ""))
                .hasMessage("Alias name \"new\\nline\" must not contain spaces or control characters");
        assertThatThrownBy(() -> fx.images().createAlias("a:b\u2028c", a, ""))
                .hasMessage("Alias name \"a:b\\u2028c\" must not contain ':' (it separates the remote)");
        assertThatThrownBy(() -> fx.importFile(fx.unifiedFile("x.tar.gz", Compression.GZIP, "x"), "bell\u0007"))
                .hasMessage("Alias name \"bell\\u0007\" must not contain spaces or control characters");
    }

    @Test
    void deleteRemovesOnlyTheAlias() {
        long before = fx.lastEventId();
        fx.images().deleteAlias("uni-xz");
        assertThat(fx.images().aliases(List.of())).isEmpty();
        assertThat(fx.images().get(a).aliases()).isEmpty();
        assertThat(fx.images().list()).hasSize(2);
        assertThat(fx.eventLines(before)).containsExactly("image-alias-deleted /1.0/images/aliases/uni-xz {}");
    }

    @Test
    void deletingAMissingAliasIsNotFound() {
        ImageFixture.Snapshot before = fx.snapshot();
        assertThatThrownBy(() -> fx.images().deleteAlias("nope"))
                .isInstanceOf(NotFoundException.class).hasMessage("Image alias not found");
        assertThatThrownBy(() -> fx.images().deleteAlias(a))
                .isInstanceOf(NotFoundException.class).hasMessage("Image alias not found");
        fx.assertUnchanged(before);
    }

    @Test
    void renameKeepsTargetAndDescription() {
        fx.images().createAlias("old", b, "described");
        long before = fx.lastEventId();

        fx.images().renameAlias("old", "renamed");

        assertThat(fx.images().aliases(List.of("renamed")))
                .containsExactly(new AliasEntry("described", b, "renamed", "container"));
        assertThatThrownBy(() -> fx.images().resolve("old")).isInstanceOf(NotFoundException.class);
        assertThat(fx.eventLines(before)).containsExactly(
                "image-alias-renamed /1.0/images/aliases/renamed {\"old_name\":\"old\"}");
    }

    @Test
    void renameOntoAnExistingNameIsAConflict() {
        fx.images().createAlias("split", b, "");
        ImageFixture.Snapshot before = fx.snapshot();
        assertThatThrownBy(() -> fx.images().renameAlias("uni-xz", "split"))
                .isInstanceOf(ConflictException.class).hasMessage("Alias \"split\" already exists");
        assertThatThrownBy(() -> fx.images().renameAlias("uni-xz", "uni-xz"))
                .isInstanceOf(ConflictException.class).hasMessage("Alias \"uni-xz\" already exists");
        fx.assertUnchanged(before);
    }

    @Test
    void renamingAMissingAliasIsNotFound() {
        ImageFixture.Snapshot before = fx.snapshot();
        assertThatThrownBy(() -> fx.images().renameAlias("nope", "other"))
                .isInstanceOf(NotFoundException.class).hasMessage("Image alias not found");
        fx.assertUnchanged(before);
    }

    @Test
    void listIsSortedByNameAndFiltersAreOredOverNameAndTarget() {
        fx.images().createAlias("zeta", b, "z");
        fx.images().createAlias("alpha", b, "");
        fx.images().createAlias("renamed", a, "");

        assertThat(fx.images().aliases(List.of())).extracting(AliasEntry::name)
                .containsExactly("alpha", "renamed", "uni-xz", "zeta");
        assertThat(fx.images().aliases(List.of("ren"))).extracting(AliasEntry::name).containsExactly("renamed");
        assertThat(fx.images().aliases(List.of("ren", "zet"))).extracting(AliasEntry::name)
                .containsExactly("renamed", "zeta");
        assertThat(fx.images().aliases(List.of(b.substring(0, 12)))).extracting(AliasEntry::name)
                .containsExactly("alpha", "zeta");
        assertThat(fx.images().aliases(List.of(a.substring(20, 30), "alp"))).extracting(AliasEntry::name)
                .containsExactly("alpha", "renamed", "uni-xz");
        assertThat(fx.images().aliases(List.of("nomatch-xyz"))).isEmpty();
        assertThat(fx.images().aliases(List.of("ALPHA"))).as("case-sensitive").isEmpty();
        assertThat(fx.images().aliases(List.of("zeta"))).containsExactly(new AliasEntry("z", b, "zeta", "container"));
    }

    @Test
    void listTypeComesFromTheTargetImage() {
        String vm = fx.importSplit(fx.file("vm-meta.tar.xz", metaTar(metadata("vm")).build(Compression.XZ)),
                fx.file("disk.qcow2", ImageFixture.qcow2()), "vm").fingerprint();
        assertThat(fx.images().aliases(List.of())).containsExactly(
                new AliasEntry("", a, "uni-xz", "container"), new AliasEntry("", vm, "vm", "virtual-machine"));
    }

    @Test
    void aliasesFollowTheirImageOnDelete() {
        fx.images().createAlias("b1", b, "");
        fx.images().delete(b);
        assertThat(fx.images().aliases(List.of())).extracting(AliasEntry::name).containsExactly("uni-xz");
    }

    @Test
    void aliasChangesDoNotTouchTheImage() {
        Image before = fx.images().get(a);
        fx.clock.set(Instant.parse("2030-01-01T00:00:00Z"));
        fx.images().createAlias("x", a, "");
        fx.images().renameAlias("x", "y");
        fx.images().deleteAlias("y");
        assertThat(fx.images().get(a)).isEqualTo(before);
    }
}
