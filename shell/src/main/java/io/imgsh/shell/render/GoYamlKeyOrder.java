package io.imgsh.shell.render;

import java.util.Comparator;

/**
 * The order in which Go yaml.v2 prints the keys of a Go map: letters compare by code point, a
 * non-letter sorts before a letter, and digit runs compare by value.
 */
final class GoYamlKeyOrder implements Comparator<String> {
    static final GoYamlKeyOrder INSTANCE = new GoYamlKeyOrder();

    private GoYamlKeyOrder() {
    }

    @Override
    public int compare(String left, String right) {
        int[] a = left.codePoints().toArray();
        int[] b = right.codePoints().toArray();
        for (int i = 0; i < a.length && i < b.length; i++) {
            if (a[i] == b[i]) {
                continue;
            }
            boolean letterA = Character.isLetter(a[i]);
            boolean letterB = Character.isLetter(b[i]);
            if (letterA && letterB) {
                return Integer.compare(a[i], b[i]);
            }
            if (letterA || letterB) {
                return letterB ? -1 : 1;
            }
            // When the runs part after a non-zero digit, yaml.v2 prefixes both tails with a 1 so
            // that zeros at the start of the tails still count.
            long valueA = 0;
            long valueB = 0;
            if (a[i] == '0' || b[i] == '0') {
                for (int j = i - 1; j >= 0 && Character.isDigit(a[j]); j--) {
                    if (a[j] != '0') {
                        valueA = 1;
                        valueB = 1;
                        break;
                    }
                }
            }
            int endA = i;
            int endB = i;
            for (; endA < a.length && Character.isDigit(a[endA]); endA++) {
                valueA = valueA * 10 + (a[endA] - '0');
            }
            for (; endB < b.length && Character.isDigit(b[endB]); endB++) {
                valueB = valueB * 10 + (b[endB] - '0');
            }
            if (valueA != valueB) {
                return Long.compare(valueA, valueB);
            }
            if (endA != endB) {
                return Integer.compare(endA, endB);
            }
            return Integer.compare(a[i], b[i]);
        }
        return Integer.compare(a.length, b.length);
    }
}
