package io.imgsh.shell.view;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** Key tests shared by the views. */
final class Keys {
    private Keys() {
    }

    /** The plain character {@code c} (no Ctrl or Alt). */
    static boolean is(KeyStroke key, char c) {
        return key.getKeyType() == KeyType.Character && !key.isCtrlDown() && !key.isAltDown()
                && key.getCharacter() == c;
    }

    /** Ctrl + {@code c} (a lowercase letter). */
    static boolean ctrl(KeyStroke key, char c) {
        return key.getKeyType() == KeyType.Character && key.isCtrlDown() && !key.isAltDown()
                && Character.toLowerCase(key.getCharacter()) == c;
    }

    static boolean is(KeyStroke key, KeyType type) {
        return key.getKeyType() == type;
    }

    /** Escape or Ctrl-C: leave, or cancel what is being typed. */
    static boolean cancel(KeyStroke key) {
        return key.getKeyType() == KeyType.Escape || ctrl(key, 'c');
    }

    /** A character typed with Ctrl or Alt (never text). */
    static boolean modified(KeyStroke key) {
        return key.getKeyType() == KeyType.Character && (key.isCtrlDown() || key.isAltDown());
    }
}
