package io.imgsh.engine.streams;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import io.imgsh.engine.image.StoredImage;
import io.imgsh.engine.streams.StreamDocuments.Item;
import io.imgsh.engine.streams.StreamDocuments.Product;
import io.imgsh.engine.streams.StreamDocuments.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns store images into what the tree should hold. Each image is one version of its {@link ProductName product},
 * keyed by its {@code serial} property when that starts with a date as LXD needs, else by its creation time
 * ({@code YYYYMMDD_hhmm}). The newest {@code keep} versions of each product stay. The product's aliases are those
 * of its newest version; a unified image is also offered, per alias, to the direct protocol.
 */
final class TreePlanner {
    private static final DateTimeFormatter SERIAL = DateTimeFormatter.ofPattern("yyyyMMdd_HHmm")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    /** Alias names a URL path and an nginx {@code location} take without any quoting. */
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~+-]+(/[A-Za-z0-9._~+-]+)*");
    private static final List<String> RESERVED = List.of("streams/", "images/", "direct/");

    private final Map<String, Item> knownItems;
    private final int keep;

    /** The plan of what the tree holds. */
    record Plan(SortedMap<String, Product> products, List<PlannedFile> files, List<DirectEntry> direct,
                List<String> notes) {
    }

    /** {@code knownItems}: the items the tree already publishes, by path (their hashes are not computed again). */
    TreePlanner(Map<String, Item> knownItems, int keep) {
        this.knownItems = knownItems;
        this.keep = keep;
    }

    Plan plan(List<StoredImage> images) {
        Map<String, List<StoredImage>> byProduct = new TreeMap<>();
        for (StoredImage i : images) {
            byProduct.computeIfAbsent(ProductName.of(i.image()).key(), k -> new ArrayList<>()).add(i);
        }
        SortedMap<String, Product> products = new TreeMap<>();
        List<PlannedFile> files = new ArrayList<>();
        List<DirectEntry> direct = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        byProduct.forEach((key, members) -> {
            SortedMap<String, StoredImage> versions = newest(versions(members));
            SortedMap<String, Version> published = new TreeMap<>();
            versions.forEach((serial, i) -> published.put(serial, version(i, files, direct, notes)));
            StoredImage newest = versions.get(versions.lastKey());
            products.put(key, product(newest.image(), aliases(key, newest, versions, notes), published));
        });
        files.sort(Comparator.comparing(PlannedFile::path));
        direct.sort(Comparator.comparing(DirectEntry::alias));
        return new Plan(products, files, direct, notes);
    }

    /** The images by version key; images that share a serial get their fingerprint prefix appended, so all stay. */
    private static Map<String, StoredImage> versions(List<StoredImage> members) {
        Map<String, List<StoredImage>> bySerial = new TreeMap<>();
        for (StoredImage i : members) {
            bySerial.computeIfAbsent(serial(i.image()), k -> new ArrayList<>()).add(i);
        }
        Map<String, StoredImage> out = new TreeMap<>();
        bySerial.forEach((serial, same) -> {
            for (StoredImage i : same) {
                out.put(same.size() == 1 ? serial : serial + "_" + i.image().fingerprint().substring(0, 8), i);
            }
        });
        return out;
    }

    /** The {@code serial} property if LXD can read a date from it (8+ characters, {@code YYYYMMDD} first). */
    static String serial(Image image) {
        String serial = image.properties().getOrDefault("serial", "");
        if (serial.length() >= 8) {
            try {
                LocalDate.parse(serial.substring(0, 8), DAY);
                return serial;
            } catch (DateTimeParseException ignored) {
                // not a date: the creation time names the version instead
            }
        }
        return SERIAL.format(image.createdAt());
    }

    /** The newest {@code keep} versions (all when {@code keep} is 0), newest last, by key as LXD orders serials. */
    private SortedMap<String, StoredImage> newest(Map<String, StoredImage> versions) {
        TreeMap<String, StoredImage> sorted = new TreeMap<>(versions);
        while (keep > 0 && sorted.size() > keep) {
            sorted.pollFirstEntry();
        }
        return sorted;
    }

    private Version version(StoredImage i, List<PlannedFile> files, List<DirectEntry> direct, List<String> notes) {
        String fp = i.image().fingerprint();
        SortedMap<String, Item> items = new TreeMap<>();
        try {
            Path first = i.files().get(0);
            if (!i.split()) {
                String path = "images/" + fp + "/image" + Compression.detect(first).extension();
                files.add(new PlannedFile(path, first, Files.size(first), fp));
                items.put(StreamDocuments.UNIFIED_FTYPE, Item.file(StreamDocuments.UNIFIED_FTYPE, path,
                        Files.size(first), fp));
                for (ImageAlias a : i.image().aliases()) {
                    if (directSafe(a.name())) {
                        direct.add(new DirectEntry(a.name(), fp, "/" + path));
                    } else {
                        notes.add("Alias \"" + a.name() + "\" is not offered to the direct protocol: only letters, "
                                + "digits, . _ ~ + - and / fit in a URL path as it is (and not streams/, images/, "
                                + "direct/)");
                    }
                }
            } else {
                Path rootfs = i.files().get(1);
                Compression rootKind = Compression.detect(rootfs);
                RootType root = RootType.of(rootKind);
                PlannedFile meta = planned("images/" + fp + "/lxd" + Compression.detect(first).extension(), first);
                PlannedFile data = planned("images/" + fp + "/" + (root == RootType.ROOT_TAR
                        ? "root" + rootKind.extension() : root.itemKey()), rootfs);
                files.add(meta);
                files.add(data);
                items.put(StreamDocuments.META_FTYPE, Item.metadata(meta.path(), meta.size(), meta.sha256(), root, fp));
                items.put(root.itemKey(), Item.file(root.ftype(), data.path(), data.size(), data.sha256()));
            }
        } catch (IOException e) {
            throw new EngineException("Cannot read the files of image " + fp + ": " + e.getMessage(), e);
        }
        return new Version(nullIfEmpty(i.image().properties().get("label")), items);
    }

    /** The file at {@code path} made from {@code source}, hashed unless the tree already publishes it. */
    private PlannedFile planned(String path, Path source) throws IOException {
        long size = Files.size(source);
        Item known = knownItems.get(path);
        String sha256 = known != null && known.size() == size && known.sha256() != null ? known.sha256()
                : FileDigest.sha256(source);
        return new PlannedFile(path, source, size, sha256);
    }

    private static Product product(Image newest, String aliases, SortedMap<String, Version> versions) {
        Map<String, String> p = newest.properties();
        SortedMap<String, String> requirements = new TreeMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith("requirements.") && !v.isEmpty()) {
                requirements.put(k.substring("requirements.".length()), v);
            }
        });
        ProductName name = ProductName.of(newest);
        String title = p.getOrDefault("release_title", p.getOrDefault("version", name.release()));
        return new Product(nullIfEmpty(aliases), name.architecture(), name.os(), name.release(), nullIfEmpty(title),
                name.variant(), nullIfEmpty(p.get("version")), requirements.isEmpty() ? null : requirements,
                versions);
    }

    /** The aliases of the newest version, as LXD's one comma-separated string; the others are noted. */
    private static String aliases(String product, StoredImage newest, SortedMap<String, StoredImage> versions,
                                  List<String> notes) {
        List<String> names = new ArrayList<>();
        for (ImageAlias a : newest.image().aliases()) {
            if (a.name().contains(",") || a.name().isBlank()) {
                notes.add("Alias \"" + a.name() + "\" is not published: simplestreams lists aliases separated by "
                        + "commas");
            } else {
                names.add(a.name());
            }
        }
        List<String> older = new ArrayList<>();
        versions.values().stream().filter(i -> i != newest)
                .forEach(i -> i.image().aliases().forEach(a -> older.add("\"" + a.name() + "\"")));
        if (!older.isEmpty()) {
            older.sort(null);
            String listed = older.size() <= 3 ? String.join(", ", older)
                    : String.join(", ", older.subList(0, 3)) + " and " + (older.size() - 3) + " more";
            notes.add((older.size() == 1 ? "Alias " + listed + " is" : "Aliases " + listed + " are")
                    + " not published: " + (older.size() == 1 ? "it points" : "they point") + " at an older version of "
                    + product + ", and a simplestreams alias means the newest version");
        }
        names.sort(null);
        return String.join(",", names);
    }

    private static boolean directSafe(String alias) {
        if (!URL_SAFE.matcher(alias).matches() || RESERVED.stream().anyMatch(alias::startsWith)) {
            return false;
        }
        for (String segment : alias.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static String nullIfEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
