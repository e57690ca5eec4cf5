package io.imgsh.shell.completion;

import io.imgsh.shell.render.ColorMode;
import io.imgsh.shell.render.OutputFormat;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.ArgSpec;

/**
 * What a positional parameter or option value completes, declared on its field beside picocli's annotation;
 * completion reads it through {@link ArgSpec#userObject()}, the annotated field. An argument whose values are a
 * fixed list declares them with picocli's {@code completionCandidates} instead and needs no annotation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Completes {
    Kind value();

    /** The kinds of argument, each with its completer. */
    enum Kind {
        /** Free text (a new name, a URL, a description): nothing to offer. */
        TEXT(slot -> { }),
        /** {@code [remote:]IMAGE}: remote prefixes, aliases, fingerprint prefixes. */
        IMAGE(new ImageReferences(true)),
        /** A fingerprint (prefix) of the local store only. */
        FINGERPRINT(new ImageReferences(false)),
        /** An existing alias. */
        ALIAS(new AliasNames()),
        /** A new alias name: only the {@code remote:} prefix. */
        NEW_ALIAS(RemotePrefixes.ALL),
        /** A property key of the image named by the first parameter. */
        PROPERTY_KEY(new PropertyKeys()),
        /** The current value of the property named by the first two parameters. */
        PROPERTY_VALUE(new PropertyValues()),
        CONFIG_KEY(new ConfigKeys()),
        /** A value for the config key named by the first parameter. */
        CONFIG_VALUE(new ConfigValues()),
        /** {@code image list} filters: remote prefix, aliases, {@code key=} and {@code key=value}. */
        IMAGE_FILTER(new ImageFilters()),
        /** {@code image alias list} filters: remote prefix, aliases. */
        ALIAS_FILTER(new AliasFilters()),
        /** {@code image import} arguments: files and the remote prefix. */
        IMPORT_ARG(new ImportArgs()),
        FILE(new FileNames(false)),
        DIRECTORY(new FileNames(true)),
        /** Command names, word by word ({@code help image list}). */
        COMMAND_PATH(new CommandPaths()),
        /** An existing remote's name. */
        REMOTE(new ExistingRemotes()),
        /** A bare {@code remote:} that can take an image: the store or a trusted lxd remote. */
        COPY_TARGET(RemotePrefixes.WRITABLE),
        FORMAT(new EnumNames(OutputFormat.values(), Map.of(
                "table", "a table with borders (default)",
                "compact", "a table without borders",
                "csv", "comma-separated values",
                "json", "JSON, all fields",
                "yaml", "YAML, all fields"))),
        COLOR(new EnumNames(ColorMode.values(), Map.of())),
        /** Column letters appended to those typed; the option's {@code completionCandidates} name them. */
        COLUMNS(new Columns()),
        /** The argument's {@code completionCandidates}: what an argument without this annotation but with them is. */
        CANDIDATES(new DeclaredCandidates());

        private final ValueCompleter completer;

        Kind(ValueCompleter completer) {
            this.completer = completer;
        }

        ValueCompleter completer() {
            return completer;
        }

        /**
         * What {@code arg} declares: its annotation, else {@link #CANDIDATES} when picocli has candidates for it
         * ({@code completionCandidates}, enum constants), else nothing.
         */
        static Optional<Kind> of(ArgSpec arg) {
            if (arg.userObject() instanceof AnnotatedElement field && field.isAnnotationPresent(Completes.class)) {
                return Optional.of(field.getAnnotation(Completes.class).value());
            }
            Iterable<String> candidates = arg.completionCandidates();
            return candidates != null && candidates.iterator().hasNext() ? Optional.of(CANDIDATES) : Optional.empty();
        }
    }
}
