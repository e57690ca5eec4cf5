package io.imgsh.shell.completion;

import io.imgsh.shell.render.ColorMode;
import io.imgsh.shell.render.OutputFormat;
import java.util.Map;

/**
 * The completer of each {@link Completes.Kind}. Kept apart from the kinds, which every command's declaration loads
 * (a one-shot command reads the annotations, and would otherwise load every completer it never uses).
 */
final class Completers {
    private static final ValueCompleter NOTHING = slot -> { };

    private Completers() {
    }

    static ValueCompleter of(Completes.Kind kind) {
        return switch (kind) {
            case TEXT -> NOTHING;
            case IMAGE -> new ImageReferences(true);
            case FINGERPRINT -> new ImageReferences(false);
            case ALIAS -> new AliasNames();
            case NEW_ALIAS -> RemotePrefixes.ALL;
            case PROPERTY_KEY -> new PropertyKeys();
            case PROPERTY_VALUE -> new PropertyValues();
            case CONFIG_KEY -> new ConfigKeys();
            case CONFIG_VALUE -> new ConfigValues();
            case IMAGE_FILTER -> new ImageFilters();
            case ALIAS_FILTER -> new AliasFilters();
            case IMPORT_ARG -> new ImportArgs();
            case FILE -> new FileNames(false);
            case DIRECTORY -> new FileNames(true);
            case COMMAND_PATH -> new CommandPaths();
            case INSTANCE -> new InstanceNames();
            case INSTANCE_OR_SNAPSHOT -> new InstanceRefs();
            case SNAPSHOT -> new SnapshotNames();
            case INSTANCE_PATH -> new InstancePaths();
            case CONFIG_TARGET -> new ConfigTargets();
            case INSTANCE_CONFIG_KEY -> new InstanceConfigKeys(false);
            case CONFIG_SETTING -> new ConfigSettings();
            case REMOTE -> new ExistingRemotes();
            case COPY_TARGET -> RemotePrefixes.WRITABLE;
            case FORMAT -> new EnumNames(OutputFormat.values(), Map.of(
                    "table", "a table with borders (default)",
                    "compact", "a table without borders",
                    "csv", "comma-separated values",
                    "json", "JSON, all fields",
                    "yaml", "YAML, all fields"));
            case COLOR -> new EnumNames(ColorMode.values(), Map.of());
            case COLUMNS -> new Columns();
            case CANDIDATES -> new DeclaredCandidates();
        };
    }
}
