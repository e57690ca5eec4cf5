package io.imgsh.shell.completion;

/** Offers the values of one kind of argument; a failure to read what it offers leaves it offering less. */
@FunctionalInterface
interface ValueCompleter {
    void complete(Slot slot);
}
