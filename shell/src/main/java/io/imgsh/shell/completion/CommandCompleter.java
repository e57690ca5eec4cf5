package io.imgsh.shell.completion;

import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import io.imgsh.engine.image.ImageFilter;
import io.imgsh.shell.render.ColorMode;
import io.imgsh.shell.render.OutputFormat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Completes prompt lines from the picocli declarations of the command tree (the same tree that runs them) and live
 * data: subcommands, options and their values, then at each parameter what its declaration says it holds (see
 * {@link ArgKind}): aliases and fingerprint prefixes, property keys of the image named earlier on the line, config
 * keys, formats, column letters, files. Every candidate carries a short description. Live data comes from a
 * {@link CompletionSource} made for each completion, so one Tab press reads the store at most once per list.
 */
public final class CommandCompleter implements Completer {
    static final String GROUP_COMMANDS = "commands";
    static final String GROUP_OPTIONS = "options";
    static final String GROUP_REMOTES = "remotes";
    static final String GROUP_ALIASES = "aliases";
    static final String GROUP_FINGERPRINTS = "fingerprints";
    static final String GROUP_PROPERTIES = "properties";
    static final String GROUP_VALUES = "values";
    static final String GROUP_FILES = "files";

    private static final int SHORT_FINGERPRINT = 12;
    private static final int DESCRIPTION_WIDTH = 48;
    private static final Pattern CLAUSE_END = Pattern.compile("[;:] | \\(");
    private static final Map<String, String> FORMATS = Map.of(
            "table", "a table with borders (default)",
            "compact", "a table without borders",
            "csv", "comma-separated values",
            "json", "JSON, all fields",
            "yaml", "YAML, all fields");
    private final CommandSpec root;
    private final Supplier<CompletionSource> sources;
    private final Map<String, String> builtins;
    private final Path workingDirectory;

    /**
     * @param root             the command tree the prompt runs (its root)
     * @param sources          makes the live data for one completion
     * @param builtins         words the prompt itself handles at the start of a line ({@code exit}, …), with
     *                         their descriptions
     * @param workingDirectory where relative file names are looked up
     */
    public CommandCompleter(CommandSpec root, Supplier<CompletionSource> sources, Map<String, String> builtins,
                            Path workingDirectory) {
        this.root = root;
        this.sources = sources;
        this.builtins = Map.copyOf(builtins);
        this.workingDirectory = workingDirectory;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        candidates.addAll(complete(line.words().subList(0, line.wordIndex()),
                line.word().substring(0, Math.min(line.wordCursor(), line.word().length()))));
    }

    /** The candidates for {@code word} (what is typed of it, up to the cursor) after the words {@code before}. */
    public List<Candidate> complete(List<String> before, String word) {
        Position at = Position.after(root, before);
        Query q = new Query(at, word, sources.get());
        try {
            q.run();
        } catch (RuntimeException e) {
            // completion must never break the line being typed
        }
        return q.out;
    }

    /** Where the words before the cursor leave the parse: the command, its parameters, an option awaiting a value. */
    private record Position(CommandSpec command, List<String> positionals, OptionSpec pendingOption,
                            boolean endOfOptions) {
        static Position after(CommandSpec root, List<String> words) {
            CommandSpec command = root;
            List<String> positionals = new ArrayList<>();
            OptionSpec pending = null;
            boolean endOfOptions = false;
            for (String w : words) {
                if (pending != null) {
                    pending = null;
                    continue;
                }
                if (!endOfOptions && w.equals("--")) {
                    endOfOptions = true;
                    continue;
                }
                if (!endOfOptions && w.startsWith("-") && w.length() > 1) {
                    int eq = w.indexOf('=');
                    OptionSpec option = command.findOption(eq > 0 ? w.substring(0, eq) : w);
                    if (option != null && takesValue(option) && eq < 0) {
                        pending = option;
                    }
                    continue;
                }
                CommandLine sub = positionals.isEmpty() ? command.subcommands().get(w) : null;
                if (sub != null) {
                    command = sub.getCommandSpec();
                    continue;
                }
                positionals.add(w);
            }
            return new Position(command, positionals, pending, endOfOptions);
        }
    }

    private static boolean takesValue(OptionSpec option) {
        return option.arity().max() > 0;
    }

    /** One completion: the position, the word typed so far, the data, and the candidates found. */
    private final class Query {
        final Position at;
        final String word;
        final CompletionSource data;
        final List<Candidate> out = new ArrayList<>();

        Query(Position at, String word, CompletionSource data) {
            this.at = at;
            this.word = word;
            this.data = data;
        }

        void run() {
            CommandSpec command = at.command();
            if (at.pendingOption() != null) {
                value(command, at.pendingOption(), "", word);
                return;
            }
            if (!at.endOfOptions() && word.startsWith("-")) {
                int eq = word.indexOf('=');
                if (word.startsWith("--") && eq > 0) {
                    OptionSpec option = command.findOption(word.substring(0, eq));
                    if (option != null && takesValue(option)) {
                        value(command, option, word.substring(0, eq + 1), word.substring(eq + 1));
                    }
                    return;
                }
                options(command);
                return;
            }
            boolean atCommandWord = at.positionals().isEmpty() && !command.subcommands().isEmpty();
            if (atCommandWord) {
                subcommands(command);
                if (command == root) {
                    builtins.forEach((name, descr) -> {
                        if (name.startsWith(word)) {
                            add(name, name, GROUP_COMMANDS, descr, true);
                        }
                    });
                }
            }
            int index = at.positionals().size();
            Optional<PositionalParamSpec> param = command.positionalParameters().stream()
                    .filter(p -> !p.hidden() && p.index().contains(index)).findFirst();
            if (param.isPresent()) {
                value(command, param.get(), "", word);
            } else if (!atCommandWord && word.isEmpty() && command.positionalParameters().isEmpty()) {
                options(command);
            }
        }

        // ---- commands and options

        void subcommands(CommandSpec command) {
            List<Map.Entry<String, CommandLine>> aliases = new ArrayList<>();
            boolean any = false;
            for (Map.Entry<String, CommandLine> e : command.subcommands().entrySet()) {
                CommandSpec sub = e.getValue().getCommandSpec();
                if (sub.usageMessage().hidden()) {
                    continue;
                }
                if (!e.getKey().equals(sub.name())) {
                    aliases.add(e);
                } else if (e.getKey().startsWith(word)) {
                    add(e.getKey(), e.getKey(), GROUP_COMMANDS, describe(sub), true);
                    any = true;
                }
            }
            if (!any) {
                // an alias (ls, rm) is offered only when no full name fits what is typed
                for (Map.Entry<String, CommandLine> e : aliases) {
                    if (e.getKey().startsWith(word)) {
                        CommandSpec sub = e.getValue().getCommandSpec();
                        add(e.getKey(), e.getKey(), GROUP_COMMANDS, "same as " + sub.name() + ": " + describe(sub),
                                true);
                    }
                }
            }
        }

        void options(CommandSpec command) {
            for (OptionSpec o : command.options()) {
                if (o.hidden()) {
                    continue;
                }
                String descr = describe(o);
                for (String name : o.names()) {
                    if (name.startsWith(word)) {
                        out.add(new Candidate(name, name, GROUP_OPTIONS, descr, null, o.longestName(), true));
                    }
                }
            }
        }

        // ---- values

        void value(CommandSpec command, ArgSpec arg, String prefix, String typed) {
            switch (ArgKind.of(command, arg)) {
                case DECLARED -> {
                    for (String v : arg.completionCandidates()) {
                        offer(prefix, typed, v, GROUP_VALUES, null, true);
                    }
                }
                case IMAGE -> imageReference(prefix, typed, true, true);
                case FINGERPRINT -> imageReference(prefix, typed, false, false);
                case ALIAS -> aliases(prefix, typed);
                case NEW_ALIAS -> remotePrefixes(prefix, typed);
                case PROPERTY_KEY -> propertyKeys(prefix, typed);
                case PROPERTY_VALUE -> propertyValue(prefix, typed);
                case CONFIG_KEY -> {
                    for (ConfigKey key : ConfigKey.values()) {
                        offer(prefix, typed, key.key(), GROUP_VALUES, key.description() + " (default "
                                + key.defaultText() + ")", true);
                    }
                }
                case CONFIG_VALUE -> configValue(prefix, typed);
                case IMAGE_FILTER -> imageFilter(prefix, typed);
                case ALIAS_FILTER -> {
                    if (at.positionals().isEmpty()) {
                        remotePrefixes(prefix, typed);
                    }
                    aliases(prefix, typed);
                }
                case IMPORT_ARG -> {
                    files(prefix, typed, false);
                    if (!typed.contains("/")) {
                        remotePrefixes(prefix, typed);
                    }
                }
                case FILE -> files(prefix, typed, false);
                case DIRECTORY -> files(prefix, typed, true);
                case COMMAND_PATH -> {
                    Position sub = Position.after(root, at.positionals());
                    if (sub.positionals().isEmpty()) {
                        Query inner = new Query(sub, typed, data);
                        inner.subcommands(sub.command());
                        out.addAll(inner.out);
                        if (sub.command() == root) {
                            builtins.forEach((name, descr) -> offer(prefix, typed, name, GROUP_COMMANDS, descr, true));
                        }
                    }
                }
                case FORMAT -> {
                    for (OutputFormat f : OutputFormat.values()) {
                        String name = f.name().toLowerCase(Locale.ROOT);
                        offer(prefix, typed, name, GROUP_VALUES, FORMATS.get(name), true);
                    }
                }
                case COLUMNS -> columns(arg, prefix, typed);
                case COLOR -> {
                    for (ColorMode m : ColorMode.values()) {
                        offer(prefix, typed, m.name().toLowerCase(Locale.ROOT), GROUP_VALUES, null, true);
                    }
                }
                case REMOTE -> {
                    for (String r : data.remotes()) {
                        offer(prefix, typed, r, GROUP_REMOTES, "remote", true);
                    }
                }
                case REMOTE_PREFIX -> {
                    if (!typed.contains(":")) {
                        for (String r : data.writableRemotes()) {
                            offer(prefix, typed, r + ":", GROUP_REMOTES, "remote " + r, false);
                        }
                    }
                }
                case NONE -> {
                    // free text: nothing to offer
                }
            }
        }

        /**
         * Whether the reference being typed ({@code remote:name}, or a name of the default remote) is of the local
         * store, whose images completion lists; other remotes' images are not fetched to complete a word.
         */
        boolean local(String typed) {
            int colon = typed.indexOf(':');
            String remote = colon <= 0 ? data.defaultRemote() : typed.substring(0, colon);
            return RemoteNames.isLocal(remote);
        }

        /** {@code remote:} for each remote whose prefix fits what is typed, left open for the name after it. */
        void remotePrefixes(String prefix, String typed) {
            if (typed.contains(":")) {
                return;
            }
            for (String r : data.remotes()) {
                offer(prefix, typed, r + ":", GROUP_REMOTES, "remote " + r, false);
            }
        }

        /** {@code [remote:]name}: remote prefixes, then aliases and/or fingerprint prefixes of that remote. */
        void imageReference(String prefix, String typed, boolean aliasesToo, boolean remotes) {
            int colon = typed.indexOf(':');
            String refPrefix = prefix + (colon < 0 ? "" : typed.substring(0, colon + 1));
            String name = colon < 0 ? typed : typed.substring(colon + 1);
            if (remotes && colon < 0) {
                remotePrefixes(prefix, typed);
            }
            if (!local(typed)) {
                return;
            }
            List<Image> images = data.images();
            if (aliasesToo) {
                for (Image image : images) {
                    for (ImageAlias alias : image.aliases()) {
                        if (alias.name().startsWith(name)) {
                            out.add(new Candidate(refPrefix + alias.name(), alias.name(), GROUP_ALIASES,
                                    shorten(image.shortFingerprint() + " " + summary(image)), null, null, true));
                        }
                    }
                }
            }
            fingerprints(refPrefix, name, images);
        }

        /** Fingerprint prefixes: the 12 digits lists show, or the whole when that is ambiguous or more is typed. */
        void fingerprints(String refPrefix, String name, List<Image> images) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return;
            }
            Map<String, Integer> shortCount = new HashMap<>();
            List<Image> matching = new ArrayList<>();
            for (Image image : images) {
                if (image.fingerprint().startsWith(lower)) {
                    matching.add(image);
                    shortCount.merge(image.shortFingerprint(), 1, Integer::sum);
                }
            }
            for (Image image : matching) {
                String fp = lower.length() >= SHORT_FINGERPRINT || shortCount.get(image.shortFingerprint()) > 1
                        ? image.fingerprint() : image.shortFingerprint();
                String aliases = String.join(", ", image.aliases().stream().map(ImageAlias::name).sorted().toList());
                out.add(new Candidate(refPrefix + fp, fp, GROUP_FINGERPRINTS,
                        shorten(aliases.isEmpty() ? summary(image) : aliases + " - " + summary(image)),
                        null, null, true));
            }
        }

        void aliases(String prefix, String typed) {
            int colon = typed.indexOf(':');
            if (!local(typed)) {
                return;
            }
            String refPrefix = prefix + (colon < 0 ? "" : typed.substring(0, colon + 1));
            String name = colon < 0 ? typed : typed.substring(colon + 1);
            for (AliasEntry a : data.aliases()) {
                if (a.name().startsWith(name)) {
                    String target = a.target().substring(0, Math.min(SHORT_FINGERPRINT, a.target().length()));
                    out.add(new Candidate(refPrefix + a.name(), a.name(), GROUP_ALIASES,
                            shorten(a.description() == null || a.description().isEmpty()
                                    ? "→ " + target : "→ " + target + " " + a.description()),
                            null, null, true));
                }
            }
        }

        /** The keys of the image the command's first parameter names. */
        void propertyKeys(String prefix, String typed) {
            if (at.positionals().isEmpty()) {
                return;
            }
            data.image(at.positionals().get(0)).ifPresent(image -> image.properties().forEach((k, v) ->
                    offer(prefix, typed, k, GROUP_PROPERTIES, "= " + v, true)));
        }

        void propertyValue(String prefix, String typed) {
            if (at.positionals().size() < 2) {
                return;
            }
            data.image(at.positionals().get(0)).map(i -> i.properties().get(at.positionals().get(1)))
                    .ifPresent(v -> offer(prefix, typed, v, GROUP_VALUES, "current value", true));
        }

        void configValue(String prefix, String typed) {
            if (at.positionals().isEmpty()) {
                return;
            }
            ConfigKey.find(at.positionals().get(0)).ifPresent(key -> {
                String def = key.defaultValue();
                if (def.equals("true") || def.equals("false")) {
                    for (String b : List.of("true", "false")) {
                        offer(prefix, typed, b, GROUP_VALUES, b.equals(def) ? "default" : null, true);
                    }
                } else {
                    offer(prefix, typed, def, GROUP_VALUES, "default", true);
                }
            });
        }

        /** {@code image list} filters: the remote (first only), aliases, {@code key=} and {@code key=value}. */
        void imageFilter(String prefix, String typed) {
            int eq = typed.indexOf('=');
            if (eq > 0) {
                String key = typed.substring(0, eq);
                TreeSet<String> values = new TreeSet<>();
                for (Image image : data.images()) {
                    String v = ImageFilter.Field.named(key).map(f -> f.of(image))
                            .orElseGet(() -> image.properties().get(key));
                    if (v != null) {
                        values.add(v);
                    }
                }
                for (String v : values) {
                    if (v.startsWith(typed.substring(eq + 1))) {
                        out.add(new Candidate(prefix + key + "=" + v, v, GROUP_VALUES, null, null, null, true));
                    }
                }
                return;
            }
            int colon = typed.indexOf(':');
            if (at.positionals().isEmpty()) {
                remotePrefixes(prefix, typed);
            } else if (colon >= 0) {
                return;
            }
            String refPrefix = prefix + (colon < 0 ? "" : typed.substring(0, colon + 1));
            String name = colon < 0 ? typed : typed.substring(colon + 1);
            if (!local(typed)) {
                return;
            }
            Map<String, String> keys = new TreeMap<>();
            for (Image image : data.images()) {
                for (ImageAlias alias : image.aliases()) {
                    if (alias.name().startsWith(name)) {
                        out.add(new Candidate(refPrefix + alias.name(), alias.name(), GROUP_ALIASES,
                                shorten(image.shortFingerprint() + " " + summary(image)), null, null, true));
                    }
                }
                image.properties().keySet().forEach(k -> keys.putIfAbsent(k, "property"));
            }
            for (ImageFilter.Field field : ImageFilter.Field.values()) {
                keys.putIfAbsent(field.key(), "image field: " + field.description());
            }
            keys.forEach((k, descr) -> {
                if ((k + "=").startsWith(name)) {
                    out.add(new Candidate(refPrefix + k + "=", k + "=", GROUP_PROPERTIES, descr, null, null, false));
                }
            });
        }

        /** Column letters appended to those typed, described as the option's candidates ("l alias") say. */
        void columns(ArgSpec arg, String prefix, String typed) {
            Iterable<String> letters = arg.completionCandidates();
            if (letters == null) {
                return;
            }
            for (String described : letters) {
                String letter = described.substring(0, 1);
                out.add(new Candidate(prefix + typed + letter, letter, GROUP_VALUES, described.substring(2), null, null,
                        false));
            }
        }

        void files(String prefix, String typed, boolean directoriesOnly) {
            int slash = typed.lastIndexOf('/');
            String dirPart = typed.substring(0, slash + 1);
            String namePrefix = typed.substring(slash + 1);
            Path dir = dirPart.isEmpty() ? workingDirectory : workingDirectory.resolve(dirPart);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path p : entries) {
                    String name = p.getFileName().toString();
                    if (!name.startsWith(namePrefix) || name.startsWith(".") && !namePrefix.startsWith(".")) {
                        continue;
                    }
                    boolean isDirectory = Files.isDirectory(p);
                    if (directoriesOnly && !isDirectory) {
                        continue;
                    }
                    String shown = isDirectory ? name + "/" : name;
                    out.add(new Candidate(prefix + dirPart + shown, shown, GROUP_FILES, null, null, null,
                            !isDirectory));
                }
            } catch (IOException | RuntimeException e) {
                // no such directory, or unreadable: nothing to offer
            }
        }

        /** Adds {@code value} if it starts with what is typed; the candidate is {@code prefix + value}. */
        void offer(String prefix, String typed, String value, String group, String descr, boolean complete) {
            if (value.startsWith(typed)) {
                out.add(new Candidate(prefix + value, value, group, descr, null, null, complete));
            }
        }

        void add(String value, String display, String group, String descr, boolean complete) {
            out.add(new Candidate(value, display, group, descr, null, null, complete));
        }
    }

    private static String summary(Image image) {
        String description = image.properties().getOrDefault("description", "");
        return description.isEmpty() ? image.architecture() : description;
    }

    private static String describe(CommandSpec command) {
        String[] description = command.usageMessage().description();
        return description.length == 0 ? null : shorten(description[0]);
    }

    private static String describe(OptionSpec option) {
        String[] description = option.description();
        if (description.length == 0) {
            return null;
        }
        String text = description[0].replace("${DEFAULT-VALUE}", String.valueOf(option.defaultValue()))
                .replace("$${", "${");
        return shorten(text);
    }

    /**
     * The first clause of the first line (up to a {@code ;}, {@code :} or parenthesis), cut to a width that keeps
     * the candidate list readable.
     */
    static String shorten(String text) {
        if (text == null) {
            return null;
        }
        String line = text.strip().lines().findFirst().orElse("");
        Matcher clause = CLAUSE_END.matcher(line);
        if (clause.find() && clause.start() > 0) {
            line = line.substring(0, clause.start());
        }
        return line.length() <= DESCRIPTION_WIDTH ? line : line.substring(0, DESCRIPTION_WIDTH - 1) + "…";
    }
}
