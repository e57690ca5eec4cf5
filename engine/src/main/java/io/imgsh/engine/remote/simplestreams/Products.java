package io.imgsh.engine.remote.simplestreams;

import com.fasterxml.jackson.databind.JsonNode;
import io.imgsh.engine.format.Architectures;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import io.imgsh.engine.image.Sha256;
import io.imgsh.engine.json.ApiTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** LXD's {@code Products.ToLXD}: simplestreams products to images, fingerprints and aliases. */
final class Products {
    /** Root file types in LXD's order of preference, with the combined-hash field and the image type. */
    private static final List<String[]> ROOTS = List.of(
            new String[] {"squashfs", "combined_squashfs_sha256", "container"},
            new String[] {"root.tar.xz", "combined_rootxz_sha256", "container"},
            new String[] {"disk-kvm.img", "combined_disk-kvm-img_sha256", "virtual-machine"},
            new String[] {"uefi1.img", "combined_uefi1-img_sha256", "virtual-machine"},
            new String[] {"disk1.img", "combined_disk1-img_sha256", "virtual-machine"});
    private static final Set<String> SPLIT_META = Set.of("lxd.tar.xz", "incus.tar.xz");
    private static final Set<String> UNIFIED_META = Set.of("lxd_combined.tar.gz", "incus_combined.tar.gz");
    private static final DateTimeFormatter SERIAL = DateTimeFormatter.ofPattern("yyyyMMdd_HHmm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    record Catalog(List<StreamImage> images, Map<String, StreamImage> byFingerprint, List<AliasEntry> aliases) {
    }

    /** One image before its aliases are known. */
    private record Candidate(String os, String release, String variant, String serial, String architecture,
                             int rootRank, String fingerprint, String type, String streamArch, List<String> aliases,
                             Image image, List<StreamFile> files) {
    }

    private Products() {
    }

    static Catalog toImages(List<JsonNode> productFiles, String nativeArch, boolean stripUbuntu) {
        List<Candidate> candidates = new ArrayList<>();
        for (JsonNode file : productFiles) {
            Iterator<Map.Entry<String, JsonNode>> it = file.path("products").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> product = it.next();
                product(product.getKey(), product.getValue(), stripUbuntu, candidates);
            }
        }
        candidates.sort(Comparator.comparing(Candidate::os).thenComparing(Candidate::release)
                .thenComparing(Candidate::variant).thenComparing(Candidate::serial, Comparator.reverseOrder())
                .thenComparing(Candidate::architecture).thenComparingInt(Candidate::rootRank));

        Map<String, List<ImageAlias>> aliasesByFp = new LinkedHashMap<>();
        List<AliasEntry> aliasList = new ArrayList<>();
        Set<String> registered = new HashSet<>();
        Set<String> listed = new HashSet<>();
        for (Candidate c : candidates) {
            List<ImageAlias> own = aliasesByFp.computeIfAbsent(c.fingerprint(), k -> new ArrayList<>());
            for (String alias : c.aliases()) {
                List<String> names = new ArrayList<>();
                if (c.architecture().equals(nativeArch)) {
                    names.add(alias);
                }
                names.add(alias + "/" + c.streamArch());
                for (String name : names) {
                    if (registered.add(name + "\0" + c.type() + "\0" + c.architecture())) {
                        own.add(new ImageAlias(name, ""));
                        if (listed.add(name + "\0" + c.type())) {
                            aliasList.add(new AliasEntry("", c.fingerprint(), name, c.type()));
                        }
                    }
                }
            }
        }
        Map<String, StreamImage> byFp = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (byFp.containsKey(c.fingerprint())) {
                continue;
            }
            Image i = c.image();
            Image withAliases = new Image(i.autoUpdate(), i.properties(), i.isPublic(), i.expiresAt(), i.profiles(),
                    aliasesByFp.getOrDefault(c.fingerprint(), List.of()), i.architecture(), i.cached(), i.filename(),
                    i.fingerprint(), i.size(), null, i.type(), i.createdAt(), i.lastUsedAt(), i.uploadedAt());
            byFp.put(c.fingerprint(), new StreamImage(withAliases, c.files()));
        }
        aliasList.sort(Comparator.comparing(AliasEntry::name).thenComparing(AliasEntry::type));
        return new Catalog(List.copyOf(byFp.values()), byFp, List.copyOf(aliasList));
    }

    private static void product(String key, JsonNode p, boolean stripUbuntu, List<Candidate> out) {
        String streamArch = p.path("arch").asText();
        String arch = Architectures.canonical(streamArch).orElse(null);
        if (arch == null) {
            return;
        }
        List<String> aliases = new ArrayList<>();
        for (String a : p.path("aliases").asText().split(",")) {
            String name = a.trim();
            if (stripUbuntu && name.startsWith("ubuntu/")) {
                name = name.substring("ubuntu/".length());
            }
            if (!name.isEmpty()) {
                aliases.add(name);
            }
        }
        Instant expires = Instant.EPOCH;
        String eol = p.path("support_eol").asText();
        if (!eol.isEmpty()) {
            try {
                expires = LocalDate.parse(eol).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException ignored) {
                // informational only
            }
        }
        JsonNode requirements = p.has("lxd_requirements") ? p.path("lxd_requirements") : p.path("requirements");
        Iterator<Map.Entry<String, JsonNode>> versions = p.path("versions").fields();
        while (versions.hasNext()) {
            Map.Entry<String, JsonNode> v = versions.next();
            String serial = v.getKey();
            Instant created = serialDate(serial);
            if (created == null) {
                continue;
            }
            String label = v.getValue().path("label").asText();
            List<Map.Entry<String, JsonNode>> items = new ArrayList<>();
            v.getValue().path("items").fields().forEachRemaining(items::add);
            List<Map.Entry<String, JsonNode>> roots = firstRoots(items);
            for (Map.Entry<String, JsonNode> metaItem : items) {
                JsonNode meta = metaItem.getValue();
                String ftype = meta.path("ftype").asText();
                if (UNIFIED_META.contains(ftype)) {
                    String fp = meta.path("sha256").asText();
                    List<StreamFile> files = List.of(file(key, serial, metaItem));
                    if (usable(fp, files)) {
                        out.add(candidate(p, streamArch, arch, serial, created, label, expires, requirements,
                                aliases, meta, files, "tar.gz", "container", ROOTS.size(), fp));
                    }
                } else if (SPLIT_META.contains(ftype)) {
                    StreamFile metaFile = file(key, serial, metaItem);
                    for (int rank = 0; rank < ROOTS.size(); rank++) {
                        Map.Entry<String, JsonNode> rootItem = roots.get(rank);
                        if (rootItem == null) {
                            continue;
                        }
                        String[] kind = ROOTS.get(rank);
                        String fp = meta.path(kind[1]).asText();
                        if (fp.isEmpty() && kind[0].equals("root.tar.xz")) {
                            fp = meta.path("combined_sha256").asText();
                        }
                        List<StreamFile> files = List.of(metaFile, file(key, serial, rootItem));
                        if (usable(fp, files)) {
                            out.add(candidate(p, streamArch, arch, serial, created, label, expires, requirements,
                                    aliases, meta, files, kind[0], kind[2], rank, fp));
                        }
                    }
                }
            }
        }
    }

    /**
     * The first item of each root type, by rank (null: none). A metadata item makes one image per root type, with
     * the first root item of that type: a later one of the same type would give the same fingerprint and lose to the
     * first, so looking further would only cost (metadata items x root items) for nothing.
     */
    private static List<Map.Entry<String, JsonNode>> firstRoots(List<Map.Entry<String, JsonNode>> items) {
        List<Map.Entry<String, JsonNode>> roots = new ArrayList<>(Collections.nCopies(ROOTS.size(), null));
        for (Map.Entry<String, JsonNode> item : items) {
            String ftype = item.getValue().path("ftype").asText();
            for (int rank = 0; rank < ROOTS.size(); rank++) {
                if (ROOTS.get(rank)[0].equals(ftype) && roots.get(rank) == null) {
                    roots.set(rank, item);
                }
            }
        }
        return roots;
    }

    /**
     * Whether an image can be listed: not when the catalog gives it no fingerprint, or a fingerprint or file hash
     * that is not a SHA-256 (the fingerprint names files). A file without a hash is refused only when it is
     * downloaded, as LXD refuses it.
     */
    private static boolean usable(String fingerprint, List<StreamFile> files) {
        return Sha256.isHash(fingerprint)
                && files.stream().allMatch(f -> f.sha256().isEmpty() || Sha256.isHash(f.sha256()));
    }

    /** One image: {@code files} are its metadata (or unified) item, then its root item if split. */
    private static Candidate candidate(JsonNode p, String streamArch, String arch, String serial,
                                       Instant created, String label, Instant expires, JsonNode requirements,
                                       List<String> aliases, JsonNode meta, List<StreamFile> files, String rootType,
                                       String imageType, int rank, String fingerprint) {
        String os = p.path("os").asText();
        String release = p.path("release").asText();
        String variant = p.path("variant").asText();
        Map<String, String> props = new TreeMap<>();
        props.put("os", os);
        props.put("release", release);
        props.put("version", p.path("version").asText());
        props.put("architecture", streamArch);
        props.put("label", label);
        props.put("serial", serial);
        props.put("variant", variant);
        props.put("type", rootType);
        String description = os + " " + p.path("release_title").asText();
        if (!label.isEmpty()) {
            description += " (" + label + ")";
        }
        if (!variant.isEmpty()) {
            description += " (" + variant + ")";
        }
        props.put("description", description);
        requirements.fields().forEachRemaining(e -> props.put("requirements." + e.getKey(), e.getValue().asText()));
        props.values().removeIf(String::isEmpty);

        long size = files.stream().mapToLong(f -> Math.max(f.size(), 0)).sum();
        String path = meta.path("path").asText();
        String filename = path.substring(path.lastIndexOf('/') + 1);
        Image image = new Image(false, props, true, expires, List.of("default"), List.of(), arch, false, filename,
                fingerprint, size, null, imageType, created, ApiTime.NEVER, created);
        return new Candidate(os, release, variant, serial, arch, rank, fingerprint, imageType, streamArch, aliases,
                image, files);
    }

    /** An item of a version of a product, named {@code product/version/item} in errors. */
    private static StreamFile file(String product, String version, Map.Entry<String, JsonNode> item) {
        JsonNode node = item.getValue();
        return new StreamFile(product + "/" + version + "/" + item.getKey(), node.path("path").asText(),
                node.path("sha256").asText(), node.path("size").isIntegralNumber() ? node.path("size").asLong() : -1);
    }

    /** {@code YYYYMMDD_hhmm}, else {@code YYYYMMDD} from the first 8 characters; null for a malformed serial. */
    static Instant serialDate(String serial) {
        if (serial.length() < 8) {
            return null;
        }
        try {
            return LocalDateTime.parse(serial, SERIAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(serial.substring(0, 8), DAY).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
