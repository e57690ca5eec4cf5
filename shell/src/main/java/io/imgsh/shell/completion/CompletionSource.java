package io.imgsh.shell.completion;

import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live data completion offers, read for one completion (one Tab press) at most once: an implementation
 * loads each list on first use and keeps it for that completion only, so that 10,000 images cost one query per
 * Tab, never one per keystroke or per candidate.
 */
public interface CompletionSource {
    /** The remote names ({@code local}, …). */
    List<String> remotes();

    /** The remotes an image can be copied to. */
    List<String> writableRemotes();

    /** The remote a reference without {@code remote:} means. */
    String defaultRemote();

    /** The images of the local store; empty when the store cannot be read. */
    List<Image> images();

    /** The aliases of the local store; empty when the store cannot be read. */
    List<AliasEntry> aliases();

    /** The instances' names; empty when they cannot be read. */
    List<String> instances();

    /** An instance's config keys and values; empty when it cannot be read. */
    Map<String, String> instanceConfig(String instance);

    /** The snapshots of an instance; empty when it has none or they cannot be read. */
    List<String> snapshots(String instance);

    /**
     * The entries of the directory {@code path} inside an instance, a directory's ending in {@code /}; empty when
     * they cannot be read.
     */
    List<String> instanceDirectory(String instance, String path);

    /** The image a reference ({@code [remote:]alias-or-fingerprint-prefix}) names, if exactly one. */
    Optional<Image> image(String reference);
}
