package io.imgsh.shell.mode;

/** One of the ways an invocation of imgsh runs; {@link Modes} picks it. */
sealed interface Mode permits OneCommand, Script, Prompt {
    /** Runs to the end; returns the exit status. */
    int run() throws Exception;
}
