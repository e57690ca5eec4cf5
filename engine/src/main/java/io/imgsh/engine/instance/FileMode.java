package io.imgsh.engine.instance;

/**
 * The owner and mode {@code file push} gives a file, as the instance sees them; null fields: root's ids and mode
 * 0644 for a new file, the present ones for an existing file (as {@code lxc file push} does).
 */
public record FileMode(Integer uid, Integer gid, Integer mode, boolean createParents) {
}
