package io.imgsh.shell.completion;

/** The name of an instance ({@code start}, {@code exec}, {@code publish}, …). */
final class InstanceNames implements ValueCompleter {
    @Override
    public void complete(Slot slot) {
        for (String name : slot.data().instances()) {
            slot.offer(name, Groups.INSTANCES, "instance", true);
        }
    }
}
