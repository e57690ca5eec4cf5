package io.imgsh.shell.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** LXD 5.0.2 display formats (Go layouts rendered in UTC). */
public final class LxdFormats {
    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private static final long MEBIBYTE = 1 << 20;
    /** Byte counts below this are exact as doubles, and 100 times them fits a long. */
    private static final long EXACT_IN_DOUBLE = 1L << 53;

    private LxdFormats() {
    }

    /** {@code %.2fMB} of bytes/1024/1024: "0.00MB", "101.65MB". */
    public static String size(long bytes) {
        // Go's %.2f rounds the exact binary value half-to-even; Java's %.2f rounds its decimal
        // string half-up, which differs on ties such as 131072 bytes (0.125 → Go "0.12").
        if (bytes < 0 || bytes >= EXACT_IN_DOUBLE) {
            BigDecimal mebibytes = new BigDecimal((double) bytes / 1024.0 / 1024.0);
            return mebibytes.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "MB";
        }
        // bytes / 2^20 is exact in a double here, so round its hundredths half-to-even in integers.
        long hundredths = bytes * 100 >> 20;
        long remainder = bytes * 100 & MEBIBYTE - 1;
        if (remainder > MEBIBYTE / 2 || remainder == MEBIBYTE / 2 && (hundredths & 1) == 1) {
            hundredths++;
        }
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction + "MB";
    }

    /** Go layout "Jan 2, 2006 at 3:04pm (MST)" in UTC: "Nov 27, 2026 at 2:23am (UTC)". */
    public static String listDate(Instant t) {
        LocalDateTime d = utc(t);
        int hour12 = d.getHour() % 12 == 0 ? 12 : d.getHour() % 12;
        StringBuilder sb = new StringBuilder(32).append(MONTHS[d.getMonthValue() - 1]).append(' ')
                .append(d.getDayOfMonth()).append(", ");
        year(sb, d.getYear()).append(" at ").append(hour12).append(':');
        return twoDigits(sb, d.getMinute()).append(d.getHour() < 12 ? "am" : "pm").append(" (UTC)").toString();
    }

    /** Go layout "2006/01/02 15:04 UTC": "2023/11/14 22:13 UTC". */
    public static String infoDate(Instant t) {
        LocalDateTime d = utc(t);
        return String.format(Locale.ROOT, "%04d/%02d/%02d %02d:%02d UTC",
                d.getYear(), d.getMonthValue(), d.getDayOfMonth(), d.getHour(), d.getMinute());
    }

    private static StringBuilder year(StringBuilder sb, int year) {
        return year >= 0 && year < 10000 ? sb.append(String.valueOf(10000 + year), 1, 5) : sb.append(year);
    }

    private static StringBuilder twoDigits(StringBuilder sb, int value) {
        return sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
