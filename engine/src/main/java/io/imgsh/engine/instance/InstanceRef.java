package io.imgsh.engine.instance;

/** {@code name} or {@code name/snapshot}, as {@code publish}, {@code copy} and {@code delete} take them. */
public record InstanceRef(String name, String snapshot) {
    public static InstanceRef parse(String text) {
        int slash = text.indexOf('/');
        return slash < 0 ? new InstanceRef(text, null)
                : new InstanceRef(text.substring(0, slash), text.substring(slash + 1));
    }
}
