package io.imgsh.engine.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.TarBuilder;
import io.imgsh.engine.image.ImageFixture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Builds a simplestreams tree (index.json, images.json, files) on a {@link TestHttpsServer}. */
public final class StreamsTree {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestHttpsServer server;
    private final ObjectNode products = JSON.createObjectNode();
    private int files;

    public StreamsTree(TestHttpsServer server) {
        this.server = server;
    }

    /** Fingerprints of one version: by combined squashfs and root.tar.xz hashes (null when that root is absent). */
    public record Version(String squashfs, String rootxz, String metaPath, String squashfsPath, String rootxzPath) {
    }

    public ObjectNode product(String key, String os, String release, String arch, String aliases) {
        ObjectNode p = products.putObject(key);
        p.put("aliases", aliases).put("arch", arch).put("os", os).put("release", release)
                .put("release_title", release + " LTS").put("version", release).put("variant", "default");
        p.putObject("requirements").put("secureboot", "false");
        p.putObject("versions");
        return p;
    }

    /** Adds a version with a split metadata file and the given roots; returns the fingerprints. */
    public Version version(ObjectNode product, String serial, boolean squashfs, boolean rootxz) {
        return version(product, serial, squashfs ? ImageFixture.squashfs() : null, rootxz);
    }

    /** Adds a version with a split metadata file and a squashfs root of {@code squashfs}'s bytes. */
    public Version version(ObjectNode product, String serial, byte[] squashfs) {
        return version(product, serial, squashfs, false);
    }

    private Version version(ObjectNode product, String serial, byte[] sq, boolean rootxz) {
        boolean squashfs = sq != null;
        String desc = product.path("os").asText() + " " + serial + " " + product.path("arch").asText();
        byte[] meta = ImageFixture.metaTar(ImageFixture.metadata(desc)).build(Compression.XZ);
        byte[] rx = new TarBuilder().dir("./").file("./etc/serial", serial + " " + product.path("arch").asText() + "\n").build(Compression.XZ);
        ObjectNode items = ((ObjectNode) product.path("versions")).putObject(serial).put("label", "release")
                .putObject("items");
        String base = "images/" + product.path("os").asText() + "/" + serial + "-" + (files++) + "/";
        ObjectNode m = item(items, "lxd.tar.xz", "lxd.tar.xz", base + "lxd.tar.xz", meta);
        String fpSq = null;
        String fpRx = null;
        if (squashfs) {
            item(items, "root.squashfs", "squashfs", base + "rootfs.squashfs", sq);
            fpSq = sha256(meta, sq);
            m.put("combined_squashfs_sha256", fpSq);
        }
        if (rootxz) {
            item(items, "root.tar.xz", "root.tar.xz", base + "root.tar.xz", rx);
            fpRx = sha256(meta, rx);
            m.put("combined_rootxz_sha256", fpRx);
        }
        return new Version(fpSq, fpRx, "/" + base + "lxd.tar.xz", "/" + base + "rootfs.squashfs",
                "/" + base + "root.tar.xz");
    }

    private ObjectNode item(ObjectNode items, String key, String ftype, String path, byte[] content) {
        server.put("/" + path, content);
        return items.putObject(key).put("ftype", ftype).put("path", path).put("size", content.length)
                .put("sha256", sha256(content));
    }

    /** The items of version {@code serial} of product {@code key}, to change before {@link #publish}. */
    public ObjectNode items(String key, String serial) {
        return (ObjectNode) products.path(key).path("versions").path(serial).path("items");
    }

    /** Writes index.json and images.json (call after every change). */
    public void publish() {
        ObjectNode index = JSON.createObjectNode().put("format", "index:1.0");
        ObjectNode entry = index.putObject("index").putObject("images");
        entry.put("datatype", "image-downloads").put("path", "streams/v1/images.json").put("format", "products:1.0");
        products.fieldNames().forEachRemaining(entry.withArray("products")::add);
        ObjectNode file = JSON.createObjectNode().put("content_id", "images").put("datatype", "image-downloads")
                .put("format", "products:1.0");
        file.set("products", products);
        server.put("/streams/v1/index.json", index.toString().getBytes(StandardCharsets.UTF_8));
        server.put("/streams/v1/images.json", file.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
