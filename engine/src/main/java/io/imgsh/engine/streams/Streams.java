package io.imgsh.engine.streams;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.image.StoredImage;
import io.imgsh.engine.streams.StreamDocuments.Item;
import io.imgsh.engine.streams.StreamDocuments.Product;
import io.imgsh.engine.streams.StreamDocuments.Products;
import io.imgsh.engine.streams.StreamDocuments.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code imgsh streams}: publishes the store's images as a static simplestreams tree that any web server can serve
 * to LXD ({@code lxc remote add x https://… --protocol simplestreams}), plus what a server needs for LXD's direct
 * protocol, and checks such a tree.
 *
 * <p>A split image is published as LXD's own images are: a {@code lxd.tar.xz} item carrying the combined hash and a
 * {@code squashfs}, {@code root.tar.xz} or {@code disk-kvm.img} item. A unified image cannot become a split pair
 * without repacking it, which would change its fingerprint, so it is published whole as a
 * {@code lxd_combined.tar.gz} item, whose own SHA-256 LXD takes as the fingerprint (the name is LXD's; the file keeps
 * its compression).
 */
public final class Streams {
    private final StoreImages images;
    private final Clock clock;

    public Streams(StoreImages images, Clock clock) {
        this.images = images;
        this.clock = clock;
    }

    /**
     * Brings the tree in {@code dir} to the store's images as {@code options} select them; {@code progress} hears of
     * the bytes of image files placed so far.
     */
    public BuildReport build(Path dir, BuildOptions options, Progress progress) {
        List<String> filters = new ArrayList<>(options.filters());
        if (!options.includePrivate()) {
            filters.add("public=true");
        }
        List<StoredImage> selected = images.listStored(filters);
        Path root = dir.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new EngineException("Cannot build a simplestreams tree in " + dir + ": it is not a directory");
        }
        try {
            TreePlanner.Plan plan = new TreePlanner(publishedItems(root), options.keep()).plan(selected);
            return new TreeBuild(root).run(plan, selected.size(), options.hardLink(), clock.instant(), progress);
        } catch (IOException e) {
            throw new EngineException("Cannot build the simplestreams tree in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Re-hashes every file of the tree in {@code dir} against its JSON. */
    public VerifyReport verify(Path dir) {
        return new TreeVerifier(dir.toAbsolutePath().normalize()).run();
    }

    /** The items the tree publishes now, by path; none when it has no readable products file. */
    private static Map<String, Item> publishedItems(Path root) {
        Map<String, Item> items = new HashMap<>();
        try {
            StreamJson.read(root.resolve(StreamDocuments.PRODUCTS_PATH), Products.class)
                    .map(Products::products).filter(Objects::nonNull).stream()
                    .flatMap(products -> products.values().stream())
                    .map(Product::versions).filter(Objects::nonNull).flatMap(versions -> versions.values().stream())
                    .map(Version::items).filter(Objects::nonNull).flatMap(byName -> byName.values().stream())
                    .forEach(item -> items.put(item.path(), item));
        } catch (IOException e) {
            // an unreadable products file only means that every file is hashed again
        }
        return items;
    }
}
