package io.imgsh.engine.image;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A place that holds images, whatever it is: the local store, an lxd server or a simplestreams server. References
 * are resolved as LXD resolves them; a place that cannot be changed from here (a public server, a read-only protocol)
 * answers every write with {@link #readOnlyBecause()}.
 */
public interface Images {
    /** The remote's name; {@code local} for the store. */
    String remote();

    /** What an image copied from here by {@code alias} records as its source (null: none, nothing to refresh from). */
    UpdateSource updateSource(String alias, Image image);

    /** Why images cannot be changed here, if they cannot; empty when this client may write. */
    Optional<String> readOnlyBecause();

    /** The images {@code image list} filters select, in the order the place keeps them. */
    List<Image> list(List<String> filters);

    /** Alias first, then fingerprint or unique fingerprint prefix. */
    Image resolve(String reference);

    /** Only a fingerprint or a unique prefix (what {@code alias create} accepts as target). */
    Image byFingerprint(String prefix);

    /** The image with this fingerprint, with the ETag a later {@link #update} must match. */
    ImageSnapshot snapshot(String fingerprint);

    /**
     * Replaces the writable fields, as LXD's PUT does; {@code etag} (null: no check) must still be the image's, else
     * a {@link io.imgsh.engine.ConflictException}.
     */
    void update(String fingerprint, ImagePut put, String etag);

    /** Deletes the image and its aliases. */
    void delete(String fingerprint);

    /**
     * Streams the files of {@code image} (as this place resolved it, so that nothing is asked twice) into
     * {@code sink}: the unified file, or the metadata then the rootfs; returns the bytes read. The caller checks the
     * fingerprint.
     */
    long export(Image image, ImageSink sink, Progress progress);

    /**
     * Writes the image's files as {@code lxc image export} names them: into a directory under the stored names, or
     * at {@code target} (a unified image gets its extension appended; a split one becomes {@code target} and
     * {@code target.root}); null means the current directory. Nothing is left behind on failure; the fingerprint is
     * checked before any file takes its final name. Returns the files written.
     */
    default List<Path> export(String fingerprint, String target, Progress progress) {
        return ExportDownload.write(this, fingerprint, target, progress);
    }

    /**
     * Writes a unified image's file to {@code out} (which stays open), failing before a byte is written for a split
     * one, and at the end if the bytes do not hash to the fingerprint.
     */
    default void export(String fingerprint, OutputStream out) {
        MessageDigest digest = Sha256.digest();
        List<String> hashed = new ArrayList<>();
        export(byFingerprint(fingerprint), (part, in) -> {
            if (part != ImagePart.UNIFIED) {
                throw new InvalidInputException(
                        "A split image cannot be exported to standard output; give a target path");
            }
            in = new DigestInputStream(in, digest);
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new EngineException("Export failed: " + e.getMessage(), e);
                }
            }
            hashed.add(Sha256.hex(digest));
            return hashed.get(0);
        }, Progress.NONE);
        try {
            out.flush();
        } catch (IOException e) {
            throw new EngineException("Export failed: " + e.getMessage(), e);
        }
        Sha256.check(fingerprint, hashed.get(0));
    }

    /** The aliases, sorted by name; kept when any filter is a substring of the name or of the target. */
    List<AliasEntry> aliases(List<String> filters);

    /** Creates {@code name} on the image with fingerprint (or unique prefix) {@code target}. */
    void createAlias(String name, String target, String description);

    void renameAlias(String name, String newName);

    void deleteAlias(String name);

    /** Sets one property (null removes it): a read, then an update that fails if the image changed meanwhile. */
    default void setProperty(String fingerprint, String key, String value) {
        ImageSnapshot current = snapshot(fingerprint);
        Image image = current.image();
        Map<String, String> properties = new LinkedHashMap<>(image.properties());
        if (value == null) {
            properties.remove(key);
        } else {
            properties.put(key, value);
        }
        update(fingerprint, new ImagePut(image.autoUpdate(), properties, image.isPublic(), image.expiresAt(),
                image.profiles()), current.etag());
    }

    /** Fails with {@link #readOnlyBecause()} when there is a reason. */
    default void requireWritable() {
        readOnlyBecause().ifPresent(why -> {
            throw new EngineException(why);
        });
    }
}
