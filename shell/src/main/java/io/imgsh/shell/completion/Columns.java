package io.imgsh.shell.completion;

/**
 * Column letters appended to those typed, from the option's {@code completionCandidates} ({@code "l alias"}: the
 * letter, a blank, its meaning).
 */
final class Columns implements ValueCompleter {
    @Override
    public void complete(Slot slot) {
        Iterable<String> letters = slot.arg().completionCandidates();
        if (letters == null) {
            return;
        }
        for (String described : letters) {
            String letter = described.substring(0, 1);
            slot.add(slot.prefix() + slot.typed() + letter, letter, Groups.VALUES, described.substring(2), false);
        }
    }
}
