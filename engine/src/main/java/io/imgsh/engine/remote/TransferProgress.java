package io.imgsh.engine.remote;

/** Called as bytes of a download arrive; {@code total} is -1 when unknown. */
@FunctionalInterface
public interface TransferProgress {
    TransferProgress NONE = (stage, done, total) -> { };

    void update(String stage, long done, long total);
}
