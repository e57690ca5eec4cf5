package io.imgsh.shell.completion;

/** A snapshot of the instance the first parameter names ({@code restore NAME SNAPSHOT}). */
final class SnapshotNames implements ValueCompleter {
    @Override
    public void complete(Slot slot) {
        if (slot.positionals().isEmpty()) {
            return;
        }
        for (String snapshot : slot.data().snapshots(slot.positionals().get(0))) {
            slot.offer(snapshot, Groups.INSTANCES, "snapshot", true);
        }
    }
}
