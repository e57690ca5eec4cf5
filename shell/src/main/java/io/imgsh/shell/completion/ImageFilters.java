package io.imgsh.shell.completion;

import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageFilter;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code image list} filters: the remote prefix (first filter only), aliases, {@code key=} for the image fields
 * and every property key of the store, and after {@code key=} the values the images have.
 */
final class ImageFilters implements ValueCompleter {
    @Override
    public void complete(Slot slot) {
        String typed = slot.typed();
        int eq = typed.indexOf('=');
        if (eq > 0) {
            values(slot, typed.substring(0, eq), typed.substring(eq + 1));
            return;
        }
        if (slot.positionals().isEmpty()) {
            RemotePrefixes.ALL.complete(slot);
        } else if (slot.remoteTyped()) {
            return;
        }
        if (!slot.local()) {
            return;
        }
        ImageReferences.aliases(slot, slot.data().images());
        Map<String, String> keys = new TreeMap<>();
        for (Image image : slot.data().images()) {
            image.properties().keySet().forEach(k -> keys.putIfAbsent(k, "property"));
        }
        for (ImageFilter.Field field : ImageFilter.Field.values()) {
            keys.putIfAbsent(field.key(), "image field: " + field.description());
        }
        keys.forEach((k, descr) -> {
            if ((k + "=").startsWith(slot.name())) {
                slot.add(slot.referencePrefix() + k + "=", k + "=", Groups.PROPERTIES, descr, false);
            }
        });
    }

    private static void values(Slot slot, String key, String typedValue) {
        TreeSet<String> values = new TreeSet<>();
        for (Image image : slot.data().images()) {
            String v = ImageFilter.Field.named(key).map(f -> f.of(image)).orElseGet(() -> image.properties().get(key));
            if (v != null) {
                values.add(v);
            }
        }
        for (String v : values) {
            if (v.startsWith(typedValue)) {
                slot.add(slot.prefix() + key + "=" + v, v, Groups.VALUES, null, true);
            }
        }
    }
}
