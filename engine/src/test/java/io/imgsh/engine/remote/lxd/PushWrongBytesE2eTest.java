package io.imgsh.engine.remote.lxd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImportRequest;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.TlsIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A push to the real LXD peer of bytes that are not the image pushed (its stored file was replaced by another
 * image's): LXD checks them against the {@code X-LXD-fingerprint} the upload names and refuses them, so the copy
 * fails with LXD's line and the peer keeps neither image nor alias. (A server that stores them under their own
 * fingerprint instead is {@link WrongBytesTest}'s.)
 */
class PushWrongBytesE2eTest extends PeerEngineTest {
    @Test
    void bytesThatAreAnotherImageAreRefusedByThePeerAndLeaveNothingThere() throws Exception {
        Path pushed = LxdPeer.unifiedImage(dir, LxdPeer.unique("pushed"));
        Path other = LxdPeer.unifiedImage(dir, LxdPeer.unique("other"));
        String fp = ImageFixture.sha256(pushed);
        String otherFp = ImageFixture.sha256(other);
        peer.forget(fp);
        peer.forget(otherFp);
        engine.images().importImage(new ImportRequest(pushed, null, List.of(), false, Map.of()));
        Files.copy(other, dir.resolve("home/images/" + fp), StandardCopyOption.REPLACE_EXISTING);
        engine.remotes().add("peert", LxdPeer.URL, null, false, true, LxdPeer.PASSWORD, () -> { }, null);
        peer.untrustLater(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(TlsIdentity.load(dir.resolve("config"), TlsIdentity.Role.CLIENT).certificate().getEncoded())));
        String alias = LxdPeer.unique("wrong");

        assertThatThrownBy(() -> engine.copies().copy(engine.images(), fp, ((LxdImages) engine.images("peert")),
                new CopyRequest(List.of(alias), false, false, false), Progress.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessage("fingerprints don't match, got " + otherFp + " expected " + fp);

        assertThat(peer.hasImage(otherFp)).isFalse();
        assertThat(peer.hasImage(fp)).isFalse();
        assertThat(LxdPeer.lxc("image", "alias", "list", "--format", "csv")).doesNotContain(alias);
    }
}
