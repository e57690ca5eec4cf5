package io.imgsh.shell.command.image;

import io.imgsh.engine.image.ImageRef;

/** The target of {@code image copy}: a bare {@code remote:}, as lxc takes it. */
public record CopyTarget(String remote) {

    /** {@code remote:} → target; a name after the colon, or no colon, → IllegalArgumentException. */
    public static CopyTarget parse(String text) {
        return ImageRef.target(text).map(CopyTarget::new).orElseThrow(() -> new IllegalArgumentException(
                text.contains(":") ? "Cannot provide a name for the target image"
                        : "The target must be a remote name followed by ':' (e.g. local:)"));
    }
}
