package io.imgsh.engine.remote.lxd;

import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.TarBuilder;
import io.imgsh.store.E2e;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real LXD 5.0.2 peer that {@code shared/peers/lxd-peer.sh start} runs on 127.0.0.1:8443. Tests set up their
 * own images on it through the {@code lxc} client (unique contents and aliases, deleted afterwards), so that runs
 * never collide with each other or with what else is on the daemon.
 */
public final class LxdPeer {
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 8443;
    public static final String URL = "https://" + HOST + ":" + PORT;
    public static final String PASSWORD = System.getenv().getOrDefault("LXD_PEER_PASSWORD", "secret");

    private static final String DIR = System.getenv().getOrDefault("LXD_PEER_DIR", "/tmp/lxdpeer");
    private static final String CONF = System.getenv().getOrDefault("LXD_PEER_CONF", "/tmp/lxdpeer-client");
    private static final Pattern IMPORTED = Pattern.compile("fingerprint: ([0-9a-f]{64})");

    private final List<String> images = new ArrayList<>();
    private final List<String> certificates = new ArrayList<>();

    private LxdPeer() {
    }

    /** The peer, or a skipped test (a failed one under {@code IMGSH_REQUIRE_E2E=1}) when it is not running. */
    public static LxdPeer require() {
        E2e.requireTools("lxc");
        E2e.require(listening(), "the LXD peer is not running on " + HOST + ":" + PORT
                + " (bash shared/peers/lxd-peer.sh start)");
        return new LxdPeer();
    }

    static boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, PORT), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code lxc ARGS…} against the peer's unix socket; its standard output; fails the test when it fails. */
    public static String lxc(String... args) {
        return lxc(Path.of(CONF), null, args);
    }

    /**
     * Runs {@code lxc ARGS…} against the peer's unix socket with the client configuration in {@code conf} and
     * {@code stdin} (null: none); its standard output (what it says on standard error only names a failure).
     */
    public static String lxc(Path conf, String stdin, String... args) {
        List<String> cmd = new ArrayList<>(List.of("lxc"));
        cmd.addAll(List.of(args));
        try {
            Path err = Files.createTempFile("lxc", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
                pb.environment().putAll(Map.of("LXD_DIR", DIR, "LXD_CONF", conf.toString()));
                Process p = pb.start();
                try (var in = p.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new AssertionError("lxc " + String.join(" ", args) + " failed: " + out
                            + Files.readString(err));
                }
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run lxc: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A unique name for an alias of this run. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A unique unified image (gzip) in {@code dir}; returns its path. */
    public static Path unifiedImage(Path dir, String tag) throws IOException {
        byte[] bytes = new TarBuilder().file("metadata.yaml", TarBuilder.metadata("Peer test " + tag, "1.0"))
                .dir("templates/").file("templates/hostname.tpl", "{{ container.name }}\n")
                .dir("rootfs/").dir("rootfs/etc/").file("rootfs/etc/hostname", tag + "\n")
                .build(Compression.GZIP);
        Path file = dir.resolve(tag + ".tar.gz");
        Files.write(file, bytes);
        return file;
    }

    /** A unique split image (xz metadata, xz rootfs with {@code rootfsBytes} of data) in {@code dir}. */
    public static Path[] splitImage(Path dir, String tag, int rootfsBytes) throws IOException {
        byte[] meta = new TarBuilder().file("metadata.yaml", TarBuilder.metadata("Peer split " + tag, "2.0"))
                .dir("templates/").file("templates/hostname.tpl", "{{ container.name }}\n").build(Compression.XZ);
        byte[] rootfs = new TarBuilder().dir("etc/").file("etc/hostname", tag + "\n")
                .file("data.bin", TarBuilder.random(rootfsBytes)).build(Compression.XZ);
        Path m = dir.resolve(tag + "-meta.tar.xz");
        Path r = dir.resolve(tag + "-rootfs.tar.xz");
        Files.write(m, meta);
        Files.write(r, rootfs);
        return new Path[] {m, r};
    }

    /** Imports files into the peer with {@code alias}; the image is deleted again by {@link #cleanUp}. */
    public String importImage(String alias, boolean isPublic, Path... files) {
        List<String> args = new ArrayList<>(List.of("image", "import"));
        for (Path f : files) {
            args.add(f.toString());
        }
        args.addAll(List.of("--alias", alias));
        if (isPublic) {
            args.add("--public");
        }
        String out = lxc(args.toArray(String[]::new));
        Matcher m = IMPORTED.matcher(out);
        if (!m.find()) {
            throw new AssertionError("unexpected lxc output: " + out);
        }
        images.add(m.group(1));
        return m.group(1);
    }

    /** Deletes this image from the peer when the test ends. */
    public void forget(String fingerprint) {
        images.add(fingerprint);
    }

    /** Removes this client certificate (PEM) from the peer's trust store when the test ends. */
    public void untrustLater(String fingerprint) {
        certificates.add(fingerprint);
    }

    public boolean hasImage(String fingerprint) {
        return lxc("image", "list", "--format", "csv", "-c", "F").contains(fingerprint);
    }

    public void cleanUp() {
        for (String fp : images) {
            try {
                if (hasImage(fp)) {
                    lxc("image", "delete", fp);
                }
            } catch (AssertionError ignored) {
                // best effort
            }
        }
        for (String fp : certificates) {
            try {
                lxc("config", "trust", "remove", fp);
            } catch (AssertionError ignored) {
                // best effort
            }
        }
    }
}
