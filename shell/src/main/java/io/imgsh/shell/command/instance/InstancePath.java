package io.imgsh.shell.command.instance;

import io.imgsh.engine.InvalidInputException;

/** A file inside an instance as {@code file push} and {@code file pull} name it: {@code NAME/PATH}. */
record InstancePath(String instance, String path) {
    /** {@code argument} split at its first slash; {@code role} ("source", "target") names it in the error. */
    static InstancePath parse(String argument, String role) {
        int slash = argument.indexOf('/');
        if (slash <= 0) {
            throw new InvalidInputException("Invalid " + role + " \"" + argument + "\": give it as NAME/PATH");
        }
        return new InstancePath(argument.substring(0, slash), argument.substring(slash));
    }
}
