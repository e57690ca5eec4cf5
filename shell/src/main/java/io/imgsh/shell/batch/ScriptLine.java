package io.imgsh.shell.batch;

/** One logical line of a script (continuations joined) and the number of its first physical line. */
public record ScriptLine(int number, String text) {
}
