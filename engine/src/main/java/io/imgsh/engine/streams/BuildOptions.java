package io.imgsh.engine.streams;

import io.imgsh.engine.InvalidInputException;
import java.util.List;

/**
 * What {@code streams build} publishes: the images {@code filters} select (as {@code image list} selects them), public
 * ones only unless {@code includePrivate}; the newest {@code keep} versions of each product (0: all); files copied,
 * or hard-linked to the store's when {@code hardLink}.
 */
public record BuildOptions(List<String> filters, boolean includePrivate, int keep, boolean hardLink) {
    public BuildOptions {
        filters = List.copyOf(filters);
        if (keep < 0) {
            throw new InvalidInputException("Invalid --keep " + keep + ": give the number of versions to keep per "
                    + "product (0 keeps all)");
        }
    }
}
