package io.imgsh.shell.render;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Go {@code sortorder.NaturalLess} as a Comparator: runs of ASCII digits compare numerically (fewer
 * leading zeros first on a tie), a digit sorts before any other byte, everything else compares as
 * UTF-8 bytes.
 */
public final class NaturalOrder implements Comparator<String> {
    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String left, String right) {
        byte[] a = left.getBytes(StandardCharsets.UTF_8);
        byte[] b = right.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            boolean digitA = isDigit(a[i]);
            boolean digitB = isDigit(b[j]);
            if (digitA != digitB) {
                return digitA ? -1 : 1;
            }
            if (!digitA) {
                if (a[i] != b[j]) {
                    return Integer.compare(a[i] & 0xff, b[j] & 0xff);
                }
                i++;
                j++;
                continue;
            }
            i = skipZeros(a, i);
            j = skipZeros(b, j);
            int startA = i;
            int startB = j;
            i = skipDigits(a, i);
            j = skipDigits(b, j);
            if (i - startA != j - startB) {
                return Integer.compare(i - startA, j - startB);
            }
            int digits = Arrays.compare(a, startA, i, b, startB, j);
            if (digits != 0) {
                return digits;
            }
            // Everything before this run was equal, so the start positions differ only by leading zeros.
            if (startA != startB) {
                return Integer.compare(startA, startB);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int skipZeros(byte[] s, int i) {
        while (i < s.length && s[i] == '0') {
            i++;
        }
        return i;
    }

    private static int skipDigits(byte[] s, int i) {
        while (i < s.length && isDigit(s[i])) {
            i++;
        }
        return i;
    }
}
