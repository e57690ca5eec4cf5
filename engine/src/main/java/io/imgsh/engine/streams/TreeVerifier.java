package io.imgsh.engine.streams;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.Sha256;
import io.imgsh.engine.streams.StreamDocuments.Index;
import io.imgsh.engine.streams.StreamDocuments.Item;
import io.imgsh.engine.streams.StreamDocuments.Product;
import io.imgsh.engine.streams.StreamDocuments.Products;
import io.imgsh.engine.streams.StreamDocuments.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Re-hashes every file the tree's JSON names against its size and {@code sha256}, and checks each metadata item's
 * combined hash (the fingerprint LXD will verify) against its metadata and root files.
 */
final class TreeVerifier {
    private final Path dir;
    private final TreeFiles files;
    private final List<String> problems = new ArrayList<>();
    private int checked;

    TreeVerifier(Path dir) {
        this.dir = dir;
        this.files = new TreeFiles(dir);
    }

    VerifyReport run() {
        Index index = read(StreamDocuments.INDEX_PATH, Index.class);
        if (index.index() == null) {
            throw new EngineException(dir.resolve(StreamDocuments.INDEX_PATH) + " has no index");
        }
        index.index().forEach((key, entry) -> {
            if (StreamDocuments.DATATYPE.equals(entry.datatype()) && entry.path() != null) {
                Products products = read(entry.path(), Products.class);
                if (products.products() != null) {
                    products.products().forEach(this::product);
                }
            }
        });
        return new VerifyReport(checked, problems);
    }

    private <T> T read(String path, Class<T> type) {
        try {
            return StreamJson.read(files.resolve(path), type).orElseThrow(() -> new EngineException(
                    "No simplestreams tree in " + dir + ": " + path + " is missing"));
        } catch (IOException e) {
            throw new EngineException("Invalid " + path + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void product(String key, Product product) {
        if (product.versions() == null) {
            return;
        }
        product.versions().forEach((serial, version) -> version(key + "/" + serial, version));
    }

    private void version(String name, Version version) {
        if (version.items() == null) {
            return;
        }
        Set<String> done = new HashSet<>();
        for (Map.Entry<String, Item> e : version.items().entrySet()) {
            Item meta = e.getValue();
            if (!StreamDocuments.META_FTYPE.equals(meta.ftype())) {
                continue;
            }
            done.add(e.getKey());
            MessageDigest metaBytes = Sha256.digest();
            boolean metaSound = file(name + "/" + e.getKey(), meta, metaBytes);
            for (Map.Entry<String, Item> r : version.items().entrySet()) {
                Optional<RootType> root = RootType.byFtype(r.getValue().ftype());
                if (root.isEmpty()) {
                    continue;
                }
                done.add(r.getKey());
                MessageDigest whole = clone(metaBytes);
                String combined = meta.combinedFor(root.get());
                if (file(name + "/" + r.getKey(), r.getValue(), whole) && metaSound && combined != null) {
                    String got = Sha256.hex(whole);
                    if (!got.equals(combined)) {
                        problems.add(name + ": the combined hash of " + e.getKey() + " and " + r.getKey()
                                + " is " + got + ", the JSON says " + combined);
                    }
                }
            }
        }
        // unified images, and anything else the JSON names
        version.items().forEach((key, item) -> {
            if (!done.contains(key)) {
                file(name + "/" + key, item, null);
            }
        });
    }

    /**
     * Checks one file against its item, feeding its bytes to {@code also} (null: none) as well; whether it is
     * sound.
     */
    private boolean file(String name, Item item, MessageDigest also) {
        Path file;
        try {
            file = files.resolve(item.path());
        } catch (EngineException e) {
            problems.add(name + ": " + e.getMessage());
            return false;
        }
        if (!Files.isRegularFile(file)) {
            problems.add(name + ": " + item.path() + " is missing");
            return false;
        }
        MessageDigest own = Sha256.digest();
        long size;
        try {
            size = also == null ? FileDigest.update(file, own) : FileDigest.update(file, own, also);
        } catch (IOException e) {
            problems.add(name + ": cannot read " + item.path() + ": " + e.getMessage());
            return false;
        }
        checked++;
        boolean sound = true;
        if (size != item.size()) {
            problems.add(name + ": " + item.path() + " is " + size + " bytes, the JSON says " + item.size());
            sound = false;
        }
        String got = Sha256.hex(own);
        if (!got.equals(item.sha256())) {
            problems.add(name + ": " + item.path() + " has SHA-256 " + got + ", the JSON says " + item.sha256());
            sound = false;
        }
        return sound;
    }

    private static MessageDigest clone(MessageDigest d) {
        try {
            return (MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
