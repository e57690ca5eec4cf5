package io.imgsh.shell.completion;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
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

    /** The kinds of argument; {@link Completers} has the completer of each. */
    enum Kind {
        /** Free text (a new name, a URL, a description): nothing to offer. */
        TEXT,
        /** {@code [remote:]IMAGE}: remote prefixes, aliases, fingerprint prefixes. */
        IMAGE,
        /** A fingerprint (prefix) of the local store only. */
        FINGERPRINT,
        /** An existing alias. */
        ALIAS,
        /** A new alias name: only the {@code remote:} prefix. */
        NEW_ALIAS,
        /** A property key of the image named by the first parameter. */
        PROPERTY_KEY,
        /** The current value of the property named by the first two parameters. */
        PROPERTY_VALUE,
        CONFIG_KEY,
        /** A value for the config key named by the first parameter. */
        CONFIG_VALUE,
        /** {@code image list} filters: remote prefix, aliases, {@code key=} and {@code key=value}. */
        IMAGE_FILTER,
        /** {@code image alias list} filters: remote prefix, aliases. */
        ALIAS_FILTER,
        /** {@code image import} arguments: files and the remote prefix. */
        IMPORT_ARG,
        FILE,
        DIRECTORY,
        /** Command names, word by word ({@code help image list}). */
        COMMAND_PATH,
        /** An existing instance's name. */
        INSTANCE,
        /** {@code NAME[/SNAPSHOT]}: an instance, or one of its snapshots once {@code NAME/} is typed. */
        INSTANCE_OR_SNAPSHOT,
        /** A snapshot of the instance named by the first parameter. */
        SNAPSHOT,
        /** {@code NAME/PATH}: an instance, then a path inside it. */
        INSTANCE_PATH,
        /** The first word of {@code config get|set|unset}: a store key or an instance. */
        CONFIG_TARGET,
        /** An instance's key, when the first parameter names an instance. */
        INSTANCE_CONFIG_KEY,
        /** What {@code config set} takes after its first word: a store key's value or an instance's KEY=VALUE. */
        CONFIG_SETTING,
        /** An existing remote's name. */
        REMOTE,
        /** A bare {@code remote:} that can take an image: the store or a trusted lxd remote. */
        COPY_TARGET,
        FORMAT,
        COLOR,
        /** Column letters appended to those typed; the option's {@code completionCandidates} name them. */
        COLUMNS,
        /** The argument's {@code completionCandidates}: what an argument without this annotation but with them is. */
        CANDIDATES;

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
