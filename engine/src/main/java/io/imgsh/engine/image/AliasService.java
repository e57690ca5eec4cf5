package io.imgsh.engine.image;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.ETagMismatchException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.event.Lifecycle;
import io.imgsh.store.AliasRecord;
import io.imgsh.store.Store;
import io.imgsh.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Image aliases: unique names that point at one image each. */
final class AliasService {
    private final Store store;
    private final Lifecycle lifecycle;

    AliasService(Store store, Clock clock) {
        this.store = store;
        this.lifecycle = new Lifecycle(clock);
    }

    /** Creates {@code name} on the image with that fingerprint or unique prefix (an alias does not resolve here). */
    void create(String name, String target, String description) {
        checkName(name);
        store.write(tx -> {
            String fingerprint;
            try {
                fingerprint = StoreImages.uniquePrefix(tx, target);
            } catch (EngineException e) {
                // as LXD, a name in use is the error even when the target is not found too
                throw tx.aliases().exists(name) ? taken(name) : e;
            }
            if (!tx.aliases().createIfFree(name, fingerprint, description == null ? "" : description)) {
                throw taken(name);
            }
            lifecycle.aliasCreated(tx, name, fingerprint);
            return null;
        });
    }

    private static ConflictException taken(String name) {
        return new ConflictException("Alias \"" + name + "\" already exists");
    }

    /**
     * Points each alias at {@code fingerprint} inside the caller's transaction, taking over any that point at
     * another image (its description stays); returns the ones taken over.
     */
    List<ImportResult.MovedAlias> pointAt(Tx tx, Collection<String> names, String fingerprint)
            throws SQLException {
        List<ImportResult.MovedAlias> moved = new ArrayList<>();
        for (String name : names) {
            Optional<AliasRecord> existing = tx.aliases().get(name);
            if (existing.isPresent()) {
                if (existing.get().target().equals(fingerprint)) {
                    continue;
                }
                tx.aliases().delete(name);
                tx.aliases().create(name, fingerprint, existing.get().description());
                lifecycle.aliasUpdated(tx, name, fingerprint);
                moved.add(new ImportResult.MovedAlias(name, existing.get().target()));
            } else {
                tx.aliases().create(name, fingerprint, "");
                lifecycle.aliasCreated(tx, name, fingerprint);
            }
        }
        return moved;
    }

    /** Replaces the alias's target and description, if {@code etag} (null: no check) is still the alias's. */
    void update(String name, String target, String description, String etag) {
        store.write(tx -> {
            AliasEntry current = tx.aliases().get(name).map(AliasService::toEntry)
                    .orElseThrow(() -> new NotFoundException("Image alias not found"));
            if (etag != null && !ImageETag.of(current).equals(etag)) {
                throw new ETagMismatchException(ImageETag.of(current), etag, "alias");
            }
            String fingerprint = StoreImages.uniquePrefix(tx, target);
            tx.aliases().update(name, fingerprint, description == null ? "" : description);
            lifecycle.aliasUpdated(tx, name, fingerprint);
            return null;
        });
    }

    void delete(String name) {
        store.write(tx -> {
            if (!tx.aliases().delete(name)) {
                throw new NotFoundException("Image alias not found");
            }
            lifecycle.aliasDeleted(tx, name);
            return null;
        });
    }

    void rename(String name, String newName) {
        checkName(newName);
        store.write(tx -> {
            if (tx.aliases().get(name).isEmpty()) {
                throw new NotFoundException("Image alias not found");
            }
            if (tx.aliases().exists(newName)) {
                throw taken(newName);
            }
            tx.aliases().rename(name, newName);
            lifecycle.aliasRenamed(tx, newName, name);
            return null;
        });
    }

    /** The alias with exactly this name, if there is one. */
    Optional<AliasEntry> get(String name) {
        return store.read(tx -> tx.aliases().get(name)).map(AliasService::toEntry);
    }

    /** All aliases sorted by name; kept when any filter is a substring of the name or the target (filters ORed). */
    List<AliasEntry> list(List<String> filters) {
        return store.read(tx -> tx.aliases().all()).stream()
                .map(AliasService::toEntry)
                .filter(a -> a.matches(filters))
                .toList();
    }

    static void checkName(String name) {
        if (name.isEmpty()) {
            throw new InvalidInputException("Alias name must not be empty");
        }
        if (name.contains(":")) {
            throw new InvalidInputException("Alias name \"" + printable(name)
                    + "\" must not contain ':' (it separates the remote)");
        }
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidInputException("Alias name \"" + printable(name)
                    + "\" must not contain spaces or control characters");
        }
        if (List.of(name.split("/", -1)).contains("..")) {
            // a URL path holding it would name another resource once normalised
            throw new InvalidInputException("Alias name \"" + name + "\" must not contain a \"..\" path segment");
        }
    }

    /** The name with line breaks and other control characters escaped, so that an error stays on one line. */
    static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }

    private static AliasEntry toEntry(AliasRecord a) {
        return new AliasEntry(a.description(), a.target(), a.name(), a.type());
    }
}
