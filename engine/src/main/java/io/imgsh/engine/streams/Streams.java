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
import java.util.Optional;

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
            Optional<Products> published = published(root);
            TreePlanner.Plan plan = new TreePlanner(items(published), options.keep()).plan(selected);
            return new TreeBuild(root).run(plan, published, selected.size(), options.hardLink(), clock.instant(),
                    progress);
        } catch (IOException e) {
            throw new EngineException("Cannot build the simplestreams tree in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Re-hashes every file of the tree in {@code dir} against its JSON. */
    public VerifyReport verify(Path dir) {
        return new TreeVerifier(dir.toAbsolutePath().normalize()).run();
    }

    /** The products file the tree publishes now; empty when it has none, or none that can be read. */
    private static Optional<Products> published(Path root) {
        try {
            return StreamJson.read(root.resolve(StreamDocuments.PRODUCTS_PATH), Products.class);
        } catch (IOException e) {
            return Optional.empty(); // an unreadable products file only means that every file is hashed again
        }
    }

    /** The items of {@code published}, by path. */
    private static Map<String, Item> items(Optional<Products> published) {
        Map<String, Item> items = new HashMap<>();
        published.map(Products::products).filter(Objects::nonNull).stream()
                .flatMap(products -> products.values().stream())
                .map(Product::versions).filter(Objects::nonNull).flatMap(versions -> versions.values().stream())
                .map(Version::items).filter(Objects::nonNull).flatMap(byName -> byName.values().stream())
                .forEach(item -> items.put(item.path(), item));
        return items;
    }
}
