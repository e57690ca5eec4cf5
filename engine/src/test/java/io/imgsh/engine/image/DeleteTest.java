package io.imgsh.engine.image;

import static io.imgsh.engine.image.ImageFixture.metaTar;
import static io.imgsh.engine.image.ImageFixture.metadata;
import static io.imgsh.engine.image.ImageFixture.rootfsTar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.format.Compression;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeleteTest extends ImageFixtureTest {
    @Test
    void deletingAUnifiedImageRemovesRowsAliasesAndFile() {
        String keep = fx.importDistinct("keep", "k");
        String fp = fx.importDistinct("doomed", "d1", "d2");
        long before = fx.lastEventId();
        fx.clock.advance(Duration.ofMinutes(1));

        fx.images().delete(fp);

        assertThat(fx.images().list()).extracting(Image::fingerprint).containsExactly(keep);
        assertThat(fx.images().aliases(List.of())).extracting(AliasEntry::name).containsExactly("k");
        assertThat(ImageFixture.listing(fx.imagesDir())).containsExactly(keep);
        assertThat(ImageFixture.listing(fx.tmpDir())).isEmpty();
        assertThatThrownBy(() -> fx.images().get(fp)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.images().resolve("d1")).hasMessage("Image not found");
        assertThat(fx.eventLines(before)).containsExactlyInAnyOrder(
                "image-alias-deleted /1.0/images/aliases/d1 {}",
                "image-alias-deleted /1.0/images/aliases/d2 {}",
                "image-deleted /1.0/images/" + fp + " {}");
        assertThat(fx.events().stream().filter(e -> e.id() > before))
                .allSatisfy(e -> assertThat(e.timestamp()).isEqualTo(ImageFixture.START.plus(Duration.ofMinutes(1))));
    }

    @Test
    void deletingASplitImageRemovesBothFiles() {
        String fp = fx.importSplit(fx.file("m.tar.xz", metaTar(metadata("split")).build(Compression.XZ)),
                fx.file("r.tar.xz", rootfsTar().build(Compression.XZ))).fingerprint();
        assertThat(ImageFixture.listing(fx.imagesDir())).containsExactly(fp, fp + ".rootfs");
        long before = fx.lastEventId();

        fx.images().delete(fp);

        assertThat(ImageFixture.listing(fx.imagesDir())).isEmpty();
        assertThat(fx.images().list()).isEmpty();
        assertThat(fx.eventLines(before)).containsExactly("image-deleted /1.0/images/" + fp + " {}");
    }

    @Test
    void deletingAnUnknownImageIsNotFoundAndChangesNothing() {
        String fp = fx.importDistinct("stays", "s");
        ImageFixture.Snapshot before = fx.snapshot();
        for (String name : List.of("0".repeat(64), fp.substring(0, 12), "s")) {
            assertThatThrownBy(() -> fx.images().delete(name)).as(name)
                    .isInstanceOf(NotFoundException.class).hasMessage("Image not found");
        }
        fx.assertUnchanged(before);
    }

    @Test
    void deletingTwiceIsNotFoundTheSecondTime() {
        String fp = fx.importDistinct("twice");
        fx.images().delete(fp);
        long before = fx.lastEventId();
        assertThatThrownBy(() -> fx.images().delete(fp)).isInstanceOf(NotFoundException.class);
        assertThat(fx.lastEventId()).isEqualTo(before);
    }

    @Test
    void aDeletedImageCanBeImportedAgain() {
        Path file = fx.unifiedFile("again.tar.gz", Compression.GZIP, "again");
        String fp = fx.importFile(file, "a").fingerprint();
        fx.images().delete(fp);
        fx.clock.set(Instant.parse("2027-01-01T00:00:00Z"));

        assertThat(fx.importFile(file, "a").fingerprint()).isEqualTo(fp);

        assertThat(fx.images().resolve("a").uploadedAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(ImageFixture.listing(fx.imagesDir())).containsExactly(fp);
    }

    @Test
    void aDeletedImageStaysGoneAfterReopening() {
        String fp = fx.importDistinct("gone");
        fx.images().delete(fp);
        fx.close();
        fx = new ImageFixture(tmp);
        assertThat(fx.images().list()).isEmpty();
        assertThat(ImageFixture.listing(fx.imagesDir())).isEmpty();
    }
}
