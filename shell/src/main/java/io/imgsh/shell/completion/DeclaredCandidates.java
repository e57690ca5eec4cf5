package io.imgsh.shell.completion;

/** The values the argument's picocli {@code completionCandidates} (or enum type) declare. */
final class DeclaredCandidates implements ValueCompleter {
    @Override
    public void complete(Slot slot) {
        Iterable<String> candidates = slot.arg().completionCandidates();
        if (candidates == null) {
            return;
        }
        for (String v : candidates) {
            slot.offer(v, Groups.VALUES, null, true);
        }
    }
}
