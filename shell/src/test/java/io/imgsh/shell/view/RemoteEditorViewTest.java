package io.imgsh.shell.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import io.imgsh.engine.Engine;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImagePut;
import io.imgsh.engine.image.ImageSnapshot;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.remote.TlsIdentity;
import io.imgsh.engine.remote.lxd.LxdPeer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full-screen editor on an image of a trusted lxd remote: the real LXD 5.0.2 peer, its ETags and If-Match. */
class RemoteEditorViewTest {
    @TempDir
    Path dir;
    LxdPeer peer;
    Engine engine;
    Images lxd;
    ViewTester tester;
    EditorView editor;
    String fingerprint;
    final List<Boolean> closed = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        peer = LxdPeer.require();
        engine = Engine.open(dir.resolve("home"), Clock.systemUTC());
        Path config = dir.resolve("config");
        engine.remotes().useConfigDir(config);
        TlsIdentity.loadOrCreate(config, TlsIdentity.Role.CLIENT);
        peer.untrustLater(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(TlsIdentity.load(config, TlsIdentity.Role.CLIENT).certificate().getEncoded())));
        engine.remotes().add("peert", LxdPeer.URL, null, false, true, LxdPeer.PASSWORD, () -> { }, null);
        lxd = engine.images("peert");
        fingerprint = peer.importImage(LxdPeer.unique("edit"), false,
                LxdPeer.unifiedImage(dir, LxdPeer.unique("edit")));
        tester = new ViewTester(100, 20);
    }

    @AfterEach
    void tearDown() {
        if (tester != null) {
            tester.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (peer != null) {
            peer.cleanUp();
        }
    }

    private void open() {
        editor = new EditorView(tester.screen, lxd, fingerprint, closed::add).open();
        tester.draw();
    }

    /** Moves the caret to the end of the first line starting with {@code start}. */
    private ViewTester toEndOf(String start) {
        int row = 5;
        while (!tester.row(row).startsWith(start)) {
            row++;
        }
        for (int i = 5; i < row; i++) {
            tester.press(KeyType.ArrowDown);
        }
        return tester.press(KeyType.End);
    }

    private Map<String, String> properties() {
        return lxd.snapshot(fingerprint).image().properties();
    }

    @Test
    void onAPublicRemoteTheEditorIsReadOnlyAndSaysWhy() throws Exception {
        String alias = LxdPeer.unique("view");
        String publicFingerprint = peer.importImage(alias, true, LxdPeer.unifiedImage(dir, LxdPeer.unique("view")));
        engine.remotes().add("peer", LxdPeer.URL, null, true, true, null);
        editor = new EditorView(tester.screen, engine.images("peer"), publicFingerprint,
                closed::add).open();
        tester.draw();
        assertThat(tester.row(0)).startsWith(" View image " + publicFingerprint.substring(0, 12)).endsWith(" on peer");
        assertThat(tester.row(18))
                .isEqualTo("Read-only: The remote isn't a private LXD server.");
        String before = tester.screen();
        toEndOf("auto_update").type("x").press(KeyType.Enter).press(KeyType.Tab).ctrl('k').ctrl('y');
        assertThat(tester.screen()).isEqualTo(before);
        tester.ctrl('s');
        assertThat(tester.row(18)).startsWith("Read-only: The remote isn't a private LXD server");
        tester.press(KeyType.Escape);
        assertThat(editor.window().getTextGUI()).as("nothing changed: leaves at once").isNull();
        assertThat(closed).containsExactly(false);
    }

    @Test
    void theTitleNamesTheRemote() {
        open();
        assertThat(tester.row(0)).startsWith(" Edit image " + fingerprint.substring(0, 12)).endsWith(" on peert");
    }

    @Test
    void savesOnTheServer() {
        open();
        assertThat(tester.row(1)).contains(fingerprint);
        toEndOf("  os:").type("-edited");
        tester.ctrl('s');
        assertThat(closed).as(editor.statusText()).containsExactly(true);
        assertThat(properties()).containsEntry("os", "imgshtest-edited");
    }

    @Test
    void aChangeMadeOnTheServerMeanwhileIsAConflict() {
        open();
        ImageSnapshot now = lxd.snapshot(fingerprint);
        Map<String, String> changed = new HashMap<>(now.image().properties());
        changed.put("os", "changed-elsewhere");
        Image image = now.image();
        lxd.update(fingerprint, new ImagePut(image.autoUpdate(), changed, image.isPublic(), image.expiresAt(),
                image.profiles()), now.etag());

        toEndOf("  description:").type(" (mine)");
        tester.ctrl('s');
        assertThat(closed).isEmpty();
        assertThat(editor.statusText()).startsWith("Conflict: the image changed since it was opened");
        assertThat(properties()).containsEntry("os", "changed-elsewhere");
        assertThat(properties().get("description")).doesNotContain("(mine)");

        tester.ctrl('r');
        assertThat(tester.screen()).contains("  os: changed-elsewhere");
        toEndOf("  description:").type(" (mine)").ctrl('s');
        assertThat(closed).containsExactly(true);
        assertThat(properties()).containsEntry("os", "changed-elsewhere");
        assertThat(properties().get("description")).endsWith(" (mine)");
    }
}
