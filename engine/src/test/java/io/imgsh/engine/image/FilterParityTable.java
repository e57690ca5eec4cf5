package io.imgsh.engine.image;

import io.imgsh.engine.format.Compression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code image list} filter expressions with the images {@code lxc image list} 5.0.2 selects from four images on the
 * real LXD peer, recorded there (and checked again on every run with the peer by {@link ImageFilterPeerE2eTest}).
 * The images are A (unified gzip, public, x86_64), B (unified xz, arm64, which LXD and imgsh store as aarch64),
 * C (split, auto_update true) and D (split with a qcow2 rootfs: a virtual machine).
 *
 * <p>A filter may hold placeholders: {@code {run}} is the prefix of this run's aliases ({@code {RUN}} in upper
 * case), {@code {A}} the fingerprint of A, {@code {A:6}} its first 6 digits and {@code {A:U}} it in upper case.
 */
final class FilterParityTable {
    /**
     * @param lxc   the labels of the images {@code lxc} selects, in order
     * @param imgsh those imgsh selects: the same, except where LXD 5.0.2's server never matches a non-text field
     */
    record Case(List<String> filters, String lxc, String imgsh) {
        @Override
        public String toString() {
            return String.join(" ", filters);
        }
    }

    /** One image's files, as imported into both stores. */
    record ParityImage(String label, Path metadata, Path rootfs, boolean isPublic, boolean autoUpdate) {
        String alias(String run) {
            return run + "-" + label.toLowerCase(Locale.ROOT);
        }
    }

    static final List<Case> CASES = List.of(
            same("{run}-a", "A"),
            same("{run}", "ABCD"),
            same("{RUN}-A", ""), // bare words are case-sensitive
            same("{A:8}", "A"),
            same("architecture=x86_64", "ACD"),
            same("architecture=x86.*", "ACD"),
            same("architecture=X86_64", "ACD"),
            same("architecture=aarch64", "B"),
            same("architecture=arm64", ""),
            same("architecture=i686", ""), // B's property "architecture" does not count for the field
            same("arch=i686", "B"),
            same("architecture=x86", ""),
            same("architecture=^x86", "ACD"),
            same("architecture=64$", "ABCD"),
            same("architecture=x86_64|aarch64", "ABCD"),
            same("architecture=(x86", ""),
            same("architecture=", ""),
            same("architecture=x86_64,aarch64", ""),
            same("type=container", "ABC"),
            same("type=CONTAINER", "ABC"),
            same("type=virtual-machine", "D"),
            same("type=Virtual.*", "D"),
            same("type=appliance", ""),
            same("typ=appliance", "A"),
            same("fingerprint={A}", "A"),
            same("fingerprint={A:U}", "A"),
            same("fingerprint={A:6}.*", "A"),
            same("fingerprint={A:12}", ""),
            same("filename=parity-a.tar.gz", "A"),
            same("filename=PARITY-A.*", "A"),
            same("filename=parity-.*", "ABCD"),
            same("filename=parity-c-rootfs.tar.xz", "C"),
            same("os=parityos", "A"),
            same("os=(?i)parityos", "AB"),
            same("os=parity.*", "A"),
            same("desc=Parity.*", "ABCD"),
            same("description=Parity", ""),
            same("description=^Parity", "ABCD"),
            same("description=two$", "B"),
            same("rel=2.*", "BC"),
            same("req.secure=false", "A"),
            same("requirements.secureboot=false", "A"),
            same("req=false", ""),
            same("properties.os=parityos", ""),
            same("weird=a(b", "B"),
            same("weird=a.b", "B"),
            same("weird=a[b", ""),
            same("user.note=x,y", "C"),
            same("profiles=default", ""),
            same("nosuchkey=x", ""),
            same(List.of("architecture=x86_64", "type=container"), "AC"),
            same(List.of("os=parity.*", "{run}-a"), "A"),
            same(List.of("{run}-a", "{run}-b"), ""),
            // LXD 5.0.2's server compares these fields with the filter text as values of different types: never equal.
            differs("public=true", "A"),
            differs("public=false", "BCD"),
            differs("auto_update=true", "C"),
            differs("cached=false", "ABCD"),
            differs("created_at=2023-11-14T22:13:20Z", "ABCD"),
            new Case(List.of("architecture=x86.*", "public=true"), "", "A"));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(run|RUN|[A-D])(?::(\\d+))?(?::(U))?}");

    private FilterParityTable() {
    }

    private static Case same(String filter, String selected) {
        return same(List.of(filter), selected);
    }

    private static Case same(List<String> filters, String selected) {
        return new Case(filters, selected, selected);
    }

    private static Case differs(String filter, String imgsh) {
        return new Case(List.of(filter), "", imgsh);
    }

    /** The filters of {@code c} with its placeholders filled in. */
    static List<String> expand(Case c, String run, Map<String, String> fingerprints) {
        List<String> out = new ArrayList<>();
        for (String filter : c.filters()) {
            Matcher m = PLACEHOLDER.matcher(filter);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = switch (m.group(1)) {
                    case "run" -> run;
                    case "RUN" -> run.toUpperCase(Locale.ROOT);
                    default -> fingerprints.get(m.group(1));
                };
                if (m.group(2) != null) {
                    value = value.substring(0, Integer.parseInt(m.group(2)));
                }
                if (m.group(3) != null) {
                    value = value.toUpperCase(Locale.ROOT);
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }

    /** Writes the four images into {@code dir}; {@code tag} goes into every metadata.yaml so the images are new. */
    static List<ParityImage> write(Path dir, String tag) throws IOException {
        return List.of(
                new ParityImage("A", write(dir, "parity-a.tar.gz", ImageFixture.unifiedTar(metadata("x86_64", tag, """
                          description: Parity A one
                          os: parityos
                          release: "1.0"
                          requirements.secureboot: "false"
                          type: appliance
                        """)).build(Compression.GZIP)), null, true, false),
                new ParityImage("B", write(dir, "parity-b.tar.xz", ImageFixture.unifiedTar(metadata("arm64", tag, """
                          description: Parity B two
                          os: ParityOS
                          release: "2.0"
                          weird: a(b
                          architecture: i686
                        """)).build(Compression.XZ)), null, false, false),
                new ParityImage("C", write(dir, "parity-c-meta.tar.xz", ImageFixture.metaTar(metadata("x86_64", tag, """
                          description: Parity C three
                          os: other
                          release: "2.1"
                          user.note: x,y
                        """)).build(Compression.XZ)),
                        write(dir, "parity-c-rootfs.tar.xz", ImageFixture.rootfsTar().build(Compression.XZ)),
                        false, true),
                new ParityImage("D", write(dir, "parity-d-meta.tar.xz", ImageFixture.metaTar(metadata("x86_64", tag, """
                          description: Parity D vm
                        """)).build(Compression.XZ)),
                        write(dir, "parity-d.qcow2", ImageFixture.qcow2()), false, false));
    }

    /** Imports the images into an imgsh store as the peer gets them; returns their fingerprints by label. */
    static Map<String, String> importInto(StoreImages service, List<ParityImage> images, String run) {
        Map<String, String> fingerprints = new TreeMap<>();
        for (ParityImage p : images) {
            String fp = service.importImage(new ImportRequest(p.metadata(), p.rootfs(), List.of(p.alias(run)),
                    p.isPublic(), Map.of())).fingerprint();
            if (p.autoUpdate()) {
                ImagePut put = service.get(fp).writable();
                service.update(fp, new ImagePut(true, put.properties(), put.isPublic(), null, put.profiles()));
            }
            fingerprints.put(p.label(), fp);
        }
        return fingerprints;
    }

    /** The labels of the {@code selected} fingerprints among {@code fingerprints}, in order. */
    static String labels(Collection<String> selected, Map<String, String> fingerprints) {
        StringBuilder out = new StringBuilder();
        fingerprints.forEach((label, fp) -> {
            if (selected.contains(fp)) {
                out.append(label);
            }
        });
        return out.toString();
    }

    private static String metadata(String architecture, String tag, String properties) {
        return "architecture: " + architecture + "\ncreation_date: 1700000000\nproperties:\n" + properties
                + "  tag: \"" + tag + "\"\n";
    }

    private static Path write(Path dir, String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}
