package io.imgsh.engine.format;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** LXD architecture names and aliases. */
public final class Architectures {

    // LXD shared/osarch/architectures.go: each row is a canonical name followed by its aliases.
    private static final List<List<String>> TABLE = List.of(
            List.of("i686", "i386", "i586", "386", "x86", "generic_32"),
            List.of("x86_64", "amd64", "amd64v3", "generic_64"),
            List.of("armv6l", "armel", "arm"),
            List.of("armv7l", "armhf", "armhfp", "armv7a_hardfp", "armv7", "armv7a_vfpv3_hardfp"),
            List.of("armv8l"),
            List.of("aarch64", "arm64", "arm64_generic"),
            List.of("ppc", "powerpc"),
            List.of("ppc64", "powerpc64"),
            List.of("ppc64le", "ppc64el"),
            List.of("s390x"),
            List.of("mips", "mipsel", "mipsle"),
            List.of("mips64", "mips64el", "mips64le"),
            List.of("riscv32"),
            List.of("riscv64"),
            List.of("loongarch64", "loong64"));

    private static final Map<String, String> CANONICAL = canonicalByName();
    private static final Set<String> NAMES = canonicalNames();

    private Architectures() {
    }

    /** The canonical name for a name or alias ({@code amd64} → {@code x86_64}); empty when unknown. */
    public static Optional<String> canonical(String nameOrAlias) {
        return Optional.ofNullable(CANONICAL.get(nameOrAlias));
    }

    /** This host's architecture ({@code os.arch} as LXD names it). */
    public static String host() {
        return canonical(System.getProperty("os.arch")).orElse("x86_64");
    }

    /**
     * This host's architectures as LXD lists them (its {@code LXD-Server-Architectures} header, the architectures an
     * instance may have): the native one, then those it runs through personalities (x86_64 → i686, aarch64 → armv7l,
     * ppc64 → ppc).
     */
    public static List<String> hostAll() {
        String arch = host();
        return switch (arch) {
            case "x86_64" -> List.of(arch, "i686");
            case "aarch64" -> List.of(arch, "armv7l");
            case "ppc64" -> List.of(arch, "ppc");
            default -> List.of(arch);
        };
    }

    /** The canonical names, in LXD's table order. */
    public static Set<String> names() {
        return NAMES;
    }

    private static Map<String, String> canonicalByName() {
        Map<String, String> map = new HashMap<>();
        for (List<String> row : TABLE) {
            row.forEach(name -> map.put(name, row.get(0)));
        }
        return Collections.unmodifiableMap(map);
    }

    private static Set<String> canonicalNames() {
        Set<String> names = new LinkedHashSet<>();
        TABLE.forEach(row -> names.add(row.get(0)));
        return Collections.unmodifiableSet(names);
    }
}
