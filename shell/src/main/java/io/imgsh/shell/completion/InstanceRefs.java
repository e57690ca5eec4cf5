package io.imgsh.shell.completion;

/** {@code NAME[/SNAPSHOT]}: the instances' names, then, once {@code NAME/} is typed, that instance's snapshots. */
final class InstanceRefs implements ValueCompleter {
    private final InstanceNames names = new InstanceNames();

    @Override
    public void complete(Slot slot) {
        int slash = slot.typed().indexOf('/');
        if (slash < 0) {
            names.complete(slot);
            return;
        }
        String name = slot.typed().substring(0, slash);
        for (String snapshot : slot.data().snapshots(name)) {
            slot.offer(name + "/" + snapshot, Groups.INSTANCES, "snapshot", true);
        }
    }
}
