package io.imgsh.shell.render;

import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import java.time.Instant;

/** The text of {@code image info}, laid out as LXD 5.0.2 prints it. */
public final class ImageInfoText {
    private ImageInfoText() {
    }

    public static String of(Image image) {
        StringBuilder sb = new StringBuilder();
        line(sb, "Fingerprint: " + image.fingerprint());
        line(sb, "Size: " + LxdFormats.size(image.size()));
        line(sb, "Architecture: " + image.architecture());
        line(sb, "Type: " + (image.type().isEmpty() ? "container" : image.type()));
        line(sb, "Public: " + yesNo(image.isPublic()));
        line(sb, "Timestamps:");
        if (isSet(image.createdAt())) {
            line(sb, "    Created: " + LxdFormats.infoDate(image.createdAt()));
        }
        line(sb, "    Uploaded: " + LxdFormats.infoDate(image.uploadedAt()));
        line(sb, "    Expires: " + dateOrNever(image.expiresAt()));
        line(sb, "    Last used: " + dateOrNever(image.lastUsedAt()));
        line(sb, "Properties:");
        image.properties().forEach((k, v) -> line(sb, "    " + k + ": " + v));
        line(sb, "Aliases:");
        for (ImageAlias a : image.aliases()) {
            line(sb, "    - " + a.name() + (a.description().isEmpty() ? "" : " (" + a.description() + ")"));
        }
        line(sb, "Cached: " + yesNo(image.cached()));
        line(sb, "Auto update: " + (image.autoUpdate() ? "enabled" : "disabled"));
        if (image.updateSource() != null) {
            line(sb, "Source:");
            line(sb, "    Server: " + image.updateSource().server());
            line(sb, "    Protocol: " + image.updateSource().protocol());
            line(sb, "    Alias: " + image.updateSource().alias());
        }
        if (image.profiles().isEmpty()) {
            line(sb, "Profiles: []");
        } else {
            line(sb, "Profiles:");
            image.profiles().forEach(p -> line(sb, "    - " + p));
        }
        return sb.toString();
    }

    private static String dateOrNever(Instant t) {
        return isSet(t) ? LxdFormats.infoDate(t) : "never";
    }

    /** LXD's {@code shared.TimeIsSet}: a time at or before 1970-01-01 00:00:00 UTC counts as none. */
    private static boolean isSet(Instant t) {
        return t.getEpochSecond() > 0;
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static void line(StringBuilder sb, String text) {
        sb.append(text).append('\n');
    }
}
