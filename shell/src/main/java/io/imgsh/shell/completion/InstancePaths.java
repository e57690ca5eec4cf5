package io.imgsh.shell.completion;

/**
 * {@code NAME/PATH} ({@code file pull}, {@code file push}): the instances' names with their {@code /}, then the
 * entries of the directory typed inside that instance, as the engine lists them (never out of its rootfs).
 */
final class InstancePaths implements ValueCompleter {
    @Override
    public void complete(Slot slot) {
        String typed = slot.typed();
        int slash = typed.indexOf('/');
        if (slash < 0) {
            for (String name : slot.data().instances()) {
                slot.offer(name + "/", Groups.INSTANCES, "instance", false);
            }
            return;
        }
        String name = typed.substring(0, slash);
        String dir = typed.substring(slash, typed.lastIndexOf('/') + 1);
        for (String entry : slot.data().instanceDirectory(name, dir)) {
            slot.offer(name + dir + entry, Groups.FILES, null, !entry.endsWith("/"));
        }
    }
}
