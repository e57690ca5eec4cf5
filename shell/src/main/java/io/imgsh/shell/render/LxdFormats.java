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

    private LxdFormats() {
    }

    /** {@code %.2fMB} of bytes/1024/1024: "0.00MB", "101.65MB". */
    public static String size(long bytes) {
        // Go's %.2f rounds the exact binary value half-to-even; Java's %.2f rounds its decimal
        // string half-up, which differs on ties such as 131072 bytes (0.125 → Go "0.12").
        BigDecimal mebibytes = new BigDecimal((double) bytes / 1024.0 / 1024.0);
        return mebibytes.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "MB";
    }

    /** Go layout "Jan 2, 2006 at 3:04pm (MST)" in UTC: "Nov 27, 2026 at 2:23am (UTC)". */
    public static String listDate(Instant t) {
        LocalDateTime d = utc(t);
        int hour12 = d.getHour() % 12 == 0 ? 12 : d.getHour() % 12;
        return String.format(Locale.ROOT, "%s %d, %04d at %d:%02d%s (UTC)", MONTHS[d.getMonthValue() - 1],
                d.getDayOfMonth(), d.getYear(), hour12, d.getMinute(), d.getHour() < 12 ? "am" : "pm");
    }

    /** Go layout "2006/01/02 15:04 UTC": "2023/11/14 22:13 UTC". */
    public static String infoDate(Instant t) {
        LocalDateTime d = utc(t);
        return String.format(Locale.ROOT, "%04d/%02d/%02d %02d:%02d UTC",
                d.getYear(), d.getMonthValue(), d.getDayOfMonth(), d.getHour(), d.getMinute());
    }

    private static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
