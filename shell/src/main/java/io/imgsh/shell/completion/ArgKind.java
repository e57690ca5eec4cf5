package io.imgsh.shell.completion;

import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What a parameter or option value holds, read from its declaration: picocli's completion candidates when it
 * declares some (enums do), else its label ({@code [remote:]IMAGE}, {@code KEY}, {@code FORMAT}, …) in the context
 * of its command. The labels are those the command classes declare for their usage help, so one declaration
 * drives the CLI, the usage text and completion.
 */
enum ArgKind {
    NONE,
    /** Declared candidates ({@code completionCandidates}, enum constants). */
    DECLARED,
    /** {@code [remote:]IMAGE}: remote prefixes, aliases, fingerprint prefixes. */
    IMAGE,
    /** An existing alias ({@code alias delete}, {@code alias rename}). */
    ALIAS,
    /** A new alias name: only the {@code remote:} prefix. */
    NEW_ALIAS,
    /** A fingerprint (prefix) only ({@code alias create}). */
    FINGERPRINT,
    /** A property key of the image named by the first parameter. */
    PROPERTY_KEY,
    /** The current value of that property. */
    PROPERTY_VALUE,
    CONFIG_KEY,
    CONFIG_VALUE,
    /** {@code image list} filters: remote prefix, aliases, {@code key=} and {@code key=value}. */
    IMAGE_FILTER,
    /** {@code image alias list} filters: remote prefix, aliases. */
    ALIAS_FILTER,
    /** {@code image import} arguments: files and the remote prefix. */
    IMPORT_ARG,
    FILE,
    DIRECTORY,
    /** {@code help} arguments: command names. */
    COMMAND_PATH,
    FORMAT,
    COLUMNS,
    /** {@code --color}: always, never, auto. */
    COLOR,
    /** An existing remote's name ({@code remote switch|remove|rename|set-url}). */
    REMOTE,
    /** A bare {@code remote:} that can take an image (the target of {@code image copy}). */
    REMOTE_PREFIX;

    static ArgKind of(CommandSpec command, ArgSpec arg) {
        String label = arg.paramLabel() == null ? "" : arg.paramLabel();
        String name = command.name();
        String parent = command.parent() == null ? "" : command.parent().name();
        if (label.equals("COLUMNS")) {
            return COLUMNS; // its candidates ("l alias") are letters with their meaning
        }
        if (arg.completionCandidates() != null && arg.completionCandidates().iterator().hasNext()
                && !(arg instanceof OptionSpec o && o.arity().max() == 0)) {
            return DECLARED;
        }
        if (label.contains("IMAGE")) {
            return IMAGE;
        }
        if (label.contains("FILTER")) {
            return parent.equals("alias") ? ALIAS_FILTER : IMAGE_FILTER;
        }
        if (label.endsWith("ALIAS") && arg.isPositional()) {
            return name.equals("create") ? NEW_ALIAS : ALIAS;
        }
        switch (label) {
            case "FINGERPRINT":
                return FINGERPRINT;
            case "KEY":
                return name.equals("get-property") || name.equals("set-property") || name.equals("unset-property")
                        ? PROPERTY_KEY : parent.equals("config") ? CONFIG_KEY : NONE;
            case "VALUE":
                return name.equals("set-property") ? PROPERTY_VALUE : parent.equals("config") ? CONFIG_VALUE : NONE;
            case "ARG":
                return name.equals("import") ? IMPORT_ARG : NONE;
            case "TARGET", "SCRIPT", "FILE", "PATH":
                return FILE;
            case "DIR":
                return DIRECTORY;
            case "COMMAND":
                return COMMAND_PATH;
            case "FORMAT":
                return FORMAT;
            case "WHEN":
                return COLOR;
            case "NAME", "OLD":
                return parent.equals("remote") && !name.equals("add") ? REMOTE : NONE;
            case "REMOTE:":
                return REMOTE_PREFIX;
            default:
                return NONE;
        }
    }
}
