package io.imgsh.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchitecturesTest {

    @ParameterizedTest
    @CsvSource({
        "amd64, x86_64", "x86_64, x86_64", "arm64, aarch64", "aarch64, aarch64", "armhf, armv7l",
        "armel, armv6l", "i386, i686", "ppc64el, ppc64le", "powerpc, ppc", "mips64el, mips64",
        "loong64, loongarch64", "riscv64, riscv64"})
    void resolvesNamesAndAliases(String name, String canonical) {
        assertThat(Architectures.canonical(name)).contains(canonical);
    }

    @Test
    void unknownNamesResolveToNothing() {
        assertThat(Architectures.canonical("sparc99")).isEmpty();
        assertThat(Architectures.canonical("")).isEmpty();
        assertThat(Architectures.canonical("AMD64")).isEmpty();
        assertThat(Architectures.canonical(null)).isEmpty();
    }

    @Test
    void listsTheCanonicalNames() {
        assertThat(Architectures.names()).containsExactly("i686", "x86_64", "armv6l", "armv7l", "armv8l", "aarch64",
                "ppc", "ppc64", "ppc64le", "s390x", "mips", "mips64", "riscv32", "riscv64", "loongarch64");
        Architectures.names().forEach(name -> assertThat(Architectures.canonical(name)).contains(name));
    }
}
