package io.imgsh.shell.completion;

/** The groups candidates are listed under. */
final class Groups {
    static final String COMMANDS = "commands";
    static final String OPTIONS = "options";
    static final String REMOTES = "remotes";
    static final String INSTANCES = "instances";
    static final String ALIASES = "aliases";
    static final String FINGERPRINTS = "fingerprints";
    static final String PROPERTIES = "properties";
    static final String VALUES = "values";
    static final String FILES = "files";

    private Groups() {
    }
}
