package io.imgsh.shell.completion;

import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An image of the local store: with aliases, {@code [remote:]name} (remote prefixes, aliases, fingerprint
 * prefixes); without, a fingerprint prefix only.
 */
final class ImageReferences implements ValueCompleter {
    private static final int SHORT_FINGERPRINT = 12;

    private final boolean withAliases;

    ImageReferences(boolean withAliases) {
        this.withAliases = withAliases;
    }

    @Override
    public void complete(Slot slot) {
        if (withAliases) {
            RemotePrefixes.ALL.complete(slot);
        }
        if (!slot.local()) {
            return;
        }
        List<Image> images = slot.data().images();
        if (withAliases) {
            aliases(slot, images);
        }
        fingerprints(slot, images);
    }

    /** The aliases of {@code images} that fit the name typed, each described by its image. */
    static void aliases(Slot slot, List<Image> images) {
        String name = slot.name();
        for (Image image : images) {
            for (ImageAlias alias : image.aliases()) {
                if (alias.name().startsWith(name)) {
                    slot.add(slot.referencePrefix() + alias.name(), alias.name(), Groups.ALIASES,
                            Descriptions.shorten(image.shortFingerprint() + " " + Descriptions.summary(image)), true);
                }
            }
        }
    }

    /** Fingerprint prefixes: the 12 digits lists show, or the whole when that is ambiguous or more is typed. */
    private static void fingerprints(Slot slot, List<Image> images) {
        String lower = slot.name().toLowerCase(Locale.ROOT);
        if (!lower.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return;
        }
        Map<String, Integer> shortCount = new HashMap<>();
        List<Image> matching = new ArrayList<>();
        for (Image image : images) {
            if (image.fingerprint().startsWith(lower)) {
                matching.add(image);
                shortCount.merge(image.shortFingerprint(), 1, Integer::sum);
            }
        }
        for (Image image : matching) {
            String fp = lower.length() >= SHORT_FINGERPRINT || shortCount.get(image.shortFingerprint()) > 1
                    ? image.fingerprint() : image.shortFingerprint();
            String aliases = String.join(", ", image.aliases().stream().map(ImageAlias::name).sorted().toList());
            slot.add(slot.referencePrefix() + fp, fp, Groups.FINGERPRINTS, Descriptions.shorten(
                    aliases.isEmpty() ? Descriptions.summary(image) : aliases + " - " + Descriptions.summary(image)),
                    true);
        }
    }
}
