package io.imgsh.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Builders and helpers shared by the store tests (and the child JVM). */
final class TestImages {
    static final Instant CREATED = Instant.parse("2023-11-14T22:13:20Z");
    static final Instant UPLOADED = Instant.parse("2026-11-27T02:23:03.598645087Z");

    private TestImages() {
    }

    /** A deterministic, distinct, valid-looking fingerprint. */
    static String fp(String seed) {
        return sha256(seed.getBytes(StandardCharsets.UTF_8));
    }

    static ImageRecord image(String fingerprint) {
        return image(fingerprint, Map.of("description", "test " + fingerprint.substring(0, 12), "os", "imgshtest"),
                List.of("default"), null);
    }

    static ImageRecord image(String fingerprint, Map<String, String> properties, List<String> profiles,
                             UpdateSourceRecord source) {
        return new ImageRecord(fingerprint, "image-" + fingerprint.substring(0, 8) + ".tar.xz", 728, false,
                "container", "x86_64", false, false, false, CREATED, Instant.EPOCH, UPLOADED, null,
                properties, profiles, List.of(), source);
    }

    /** The record for a finished ingest. */
    static ImageRecord image(Ingest ingest) throws IOException {
        String fingerprint = ingest.finish();
        return new ImageRecord(fingerprint, "ingested.tar.xz", ingest.size(), ingest.split(), "container", "x86_64",
                false, false, false, CREATED, Instant.EPOCH, UPLOADED, null, Map.of("os", "imgshtest"),
                List.of("default"), List.of(), null);
    }

    static String sha256(byte[]... parts) {
        MessageDigest md = digest();
        for (byte[] p : parts) {
            md.update(p);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(Path... files) throws IOException {
        MessageDigest md = digest();
        byte[] buffer = new byte[1 << 20];
        for (Path f : files) {
            try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
                while (in.read(buffer) >= 0) {
                    // digesting
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** Every file and directory under {@code dir}: relative path to the file's SHA-256, or "dir". */
    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> tree = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(p -> !p.equals(dir)).toList()) {
                tree.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir" : sha256(p));
            }
        }
        return tree;
    }

    /** Ingests {@code bytes}, publishes and inserts them in one transaction; returns the fingerprint. */
    static String store(Store store, byte[] bytes) throws IOException {
        try (Ingest ingest = store.ingest()) {
            ingest.drain(new java.io.ByteArrayInputStream(bytes));
            String fingerprint = ingest.finish();
            publish(store, ingest);
            return fingerprint;
        }
    }

    /** Publishes the finished {@code ingest} and inserts its row ({@link #image(Ingest)}) in one transaction. */
    static void publish(Store store, Ingest ingest) {
        store.write((Tx tx) -> {
            store.publish(tx, ingest);
            tx.images().insert(image(ingest));
            return null;
        });
    }

    /** The database of the store in {@code home}, opened as a store opens it. */
    static Database database(Path home) {
        return new Database(home.resolve(StoreDirectory.DATABASE), Database.DEFAULT_WRITE_WAIT, true);
    }

    /** Counts rows through a separate plain JDBC connection, as another reader of the file would. */
    static long count(Path home, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("imgsh.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One value from a plain JDBC connection. */
    static Object query(Path home, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("imgsh.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        }
    }

    static void execute(Path home, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("imgsh.db"));
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
