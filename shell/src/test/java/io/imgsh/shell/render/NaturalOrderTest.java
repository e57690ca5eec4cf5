package io.imgsh.shell.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    private static List<String> sorted(String... values) {
        List<String> list = new ArrayList<>(List.of(values));
        list.sort(NaturalOrder.INSTANCE);
        return list;
    }

    @Test
    void fingerprintsAsLxdListsThem() {
        assertThat(sorted("ab6fcc1f7c7d", "891726af20be", "38e82544a877", "8b63b0cd169b"))
                .containsExactly("8b63b0cd169b", "38e82544a877", "891726af20be", "ab6fcc1f7c7d");
    }

    @Test
    void digitRunsCompareByValue() {
        assertThat(sorted("a10", "a2", "a1")).containsExactly("a1", "a2", "a10");
        assertThat(sorted("img-100", "img-20", "img-3")).containsExactly("img-3", "img-20", "img-100");
    }

    @Test
    void fewerLeadingZerosFirstOnEqualValues() {
        assertThat(sorted("a002", "a02", "a2")).containsExactly("a2", "a02", "a002");
        assertThat(NaturalOrder.INSTANCE.compare("01", "1")).isPositive();
    }

    @Test
    void digitsSortBeforeOtherBytes() {
        assertThat(sorted("a", "-", "1", "A")).containsExactly("1", "-", "A", "a");
        assertThat(NaturalOrder.INSTANCE.compare("x9", "x.")).isNegative();
    }

    @Test
    void otherwiseUtf8ByteOrderAndPrefixFirst() {
        assertThat(sorted("é", "z", "\uFFFD", "😀", "za", "Z")).containsExactly("Z", "z", "za", "é", "\uFFFD", "😀");
        assertThat(NaturalOrder.INSTANCE.compare("split", "split")).isZero();
    }
}
