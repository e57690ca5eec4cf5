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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasServiceTest {
    @TempDir
    Path tmp;
    ImageFixture fx;
    String a;
    String b;

    @BeforeEach
    void open() {
        fx = new ImageFixture(tmp);
        a = fx.importDistinct("image a", "uni-xz");
        b = fx.importDistinct("image b");
        fx.clock.advance(Duration.ofMinutes(10));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void createOnAFullFingerprintOrAUniquePrefix() {
        long before = fx.lastEventId();
        fx.aliases().create("full", a, "by fingerprint");
        String prefix = b.substring(0, a.charAt(0) == b.charAt(0) ? 12 : 1);
        fx.aliases().create("short", prefix, null);

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
        assertThatThrownBy(() -> fx.aliases().create("extra", "uni-xz", ""))
                .isInstanceOf(NotFoundException.class).hasMessage("Image not found");
        assertThatThrownBy(() -> fx.aliases().create("extra", "", ""))
                .isInstanceOf(NotFoundException.class).hasMessage("Image not found");
        assertThatThrownBy(() -> fx.aliases().create("extra", "0".repeat(64), ""))
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
        ImageFixture.Snapshot before = fx.snapshot();
        assertThatThrownBy(() -> fx.aliases().create("amb", prefix, ""))
                .isInstanceOf(EngineException.class).hasMessageStartingWith("More than one image matches");
        fx.assertUnchanged(before);
    }

    @Test
    void duplicateNameIsAConflict() {
        fx.aliases().create("dup", a, "");
        ImageFixture.Snapshot before = fx.snapshot();
        assertThatThrownBy(() -> fx.aliases().create("dup", b, ""))
                .isInstanceOf(ConflictException.class).hasMessage("Alias \"dup\" already exists");
        assertThatThrownBy(() -> fx.aliases().create("dup", a, ""))
                .isInstanceOf(ConflictException.class).hasMessage("Alias \"dup\" already exists");
        fx.assertUnchanged(before);
        assertThat(fx.images().resolve("dup").fingerprint()).isEqualTo(a);
    }

    @Test
    void invalidNamesAreRefused() {
        ImageFixture.Snapshot before = fx.snapshot();
        for (String name : List.of("", "a:b", "with space", "tab\there", "new\nline")) {
            assertThatThrownBy(() -> fx.aliases().create(name, a, "")).as(name)
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(ImageFixture::assertOneLine);
            assertThatThrownBy(() -> fx.aliases().rename("uni-xz", name)).as(name)
                    .isInstanceOf(InvalidInputException.class);
        }
        fx.assertUnchanged(before);
    }

    @Test
    void namesMayContainSlashesDotsAndUnicode() {
        long before = fx.lastEventId();
        fx.aliases().create("ubuntu/22.04/amd64", a, "");
        fx.aliases().create("größe", b, "");
        fx.aliases().create("a+b@c=d&e$f~g*h", b, "");
        fx.aliases().create("semi;comma,q?x%y#z", b, "");
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
        assertThatThrownBy(() -> fx.aliases().create("new\nline", a, ""))
                .hasMessage("Alias name \"new\\nline\" must not contain spaces or control characters");
        assertThatThrownBy(() -> fx.aliases().create("a:b\u2028c", a, ""))
                .hasMessage("Alias name \"a:b\\u2028c\" must not contain ':' (it separates the remote)");
        assertThatThrownBy(() -> fx.importFile(fx.unifiedFile("x.tar.gz", Compression.GZIP, "x"), "bell\u0007"))
                .hasMessage("Alias name \"bell\\u0007\" must not contain spaces or control characters");
    }

    @Test
    void deleteRemovesOnlyTheAlias() {
        long before = fx.lastEventId();
        fx.aliases().delete("uni-xz");
        assertThat(fx.aliases().list(List.of())).isEmpty();
        assertThat(fx.images().get(a).aliases()).isEmpty();
        assertThat(fx.images().list()).hasSize(2);
        assertThat(fx.eventLines(before)).containsExactly("image-alias-deleted /1.0/images/aliases/uni-xz {}");
    }

    @Test
    void deletingAMissingAliasIsNotFound() {
        ImageFixture.Snapshot before = fx.snapshot();
        assertThatThrownBy(() -> fx.aliases().delete("nope"))
                .isInstanceOf(NotFoundException.class).hasMessage("Image alias not found");
        assertThatThrownBy(() -> fx.aliases().delete(a))
                .isInstanceOf(NotFoundException.class).hasMessage("Image alias not found");
        fx.assertUnchanged(before);
    }

    @Test
    void renameKeepsTargetAndDescription() {
        fx.aliases().create("old", b, "described");
        long before = fx.lastEventId();

        fx.aliases().rename("old", "renamed");

        assertThat(fx.aliases().list(List.of("renamed")))
                .containsExactly(new AliasEntry("described", b, "renamed", "container"));
        assertThatThrownBy(() -> fx.images().resolve("old")).isInstanceOf(NotFoundException.class);
        assertThat(fx.eventLines(before)).containsExactly(
                "image-alias-renamed /1.0/images/aliases/renamed {\"old_name\":\"old\"}");
    }

    @Test
    void renameOntoAnExistingNameIsAConflict() {
        fx.aliases().create("split", b, "");
        ImageFixture.Snapshot before = fx.snapshot();
        assertThatThrownBy(() -> fx.aliases().rename("uni-xz", "split"))
                .isInstanceOf(ConflictException.class).hasMessage("Alias \"split\" already exists");
        assertThatThrownBy(() -> fx.aliases().rename("uni-xz", "uni-xz"))
                .isInstanceOf(ConflictException.class).hasMessage("Alias \"uni-xz\" already exists");
        fx.assertUnchanged(before);
    }

    @Test
    void renamingAMissingAliasIsNotFound() {
        ImageFixture.Snapshot before = fx.snapshot();
        assertThatThrownBy(() -> fx.aliases().rename("nope", "other"))
                .isInstanceOf(NotFoundException.class).hasMessage("Image alias not found");
        fx.assertUnchanged(before);
    }

    @Test
    void listIsSortedByNameAndFiltersAreOredOverNameAndTarget() {
        fx.aliases().create("zeta", b, "z");
        fx.aliases().create("alpha", b, "");
        fx.aliases().create("renamed", a, "");

        assertThat(fx.aliases().list(List.of())).extracting(AliasEntry::name)
                .containsExactly("alpha", "renamed", "uni-xz", "zeta");
        assertThat(fx.aliases().list(List.of("ren"))).extracting(AliasEntry::name).containsExactly("renamed");
        assertThat(fx.aliases().list(List.of("ren", "zet"))).extracting(AliasEntry::name)
                .containsExactly("renamed", "zeta");
        assertThat(fx.aliases().list(List.of(b.substring(0, 12)))).extracting(AliasEntry::name)
                .containsExactly("alpha", "zeta");
        assertThat(fx.aliases().list(List.of(a.substring(20, 30), "alp"))).extracting(AliasEntry::name)
                .containsExactly("alpha", "renamed", "uni-xz");
        assertThat(fx.aliases().list(List.of("nomatch-xyz"))).isEmpty();
        assertThat(fx.aliases().list(List.of("ALPHA"))).as("case-sensitive").isEmpty();
        assertThat(fx.aliases().list(List.of("zeta"))).containsExactly(new AliasEntry("z", b, "zeta", "container"));
    }

    @Test
    void listTypeComesFromTheTargetImage() {
        String vm = fx.importSplit(fx.file("vm-meta.tar.xz", metaTar(metadata("vm")).build(Compression.XZ)),
                fx.file("disk.qcow2", ImageFixture.qcow2()), "vm").fingerprint();
        assertThat(fx.aliases().list(List.of())).containsExactly(
                new AliasEntry("", a, "uni-xz", "container"), new AliasEntry("", vm, "vm", "virtual-machine"));
    }

    @Test
    void aliasesFollowTheirImageOnDelete() {
        fx.aliases().create("b1", b, "");
        fx.images().delete(b);
        assertThat(fx.aliases().list(List.of())).extracting(AliasEntry::name).containsExactly("uni-xz");
    }

    @Test
    void aliasChangesDoNotTouchTheImage() {
        Image before = fx.images().get(a);
        fx.clock.set(Instant.parse("2030-01-01T00:00:00Z"));
        fx.aliases().create("x", a, "");
        fx.aliases().rename("x", "y");
        fx.aliases().delete("y");
        assertThat(fx.images().get(a)).isEqualTo(before);
    }
}
