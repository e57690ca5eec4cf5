package io.imgsh.shell.command;

import io.imgsh.shell.command.alias.AliasCommand;
import io.imgsh.shell.command.alias.AliasCreateCommand;
import io.imgsh.shell.command.alias.AliasDeleteCommand;
import io.imgsh.shell.command.alias.AliasListCommand;
import io.imgsh.shell.command.alias.AliasRenameCommand;
import io.imgsh.shell.command.config.ConfigGetCommand;
import io.imgsh.shell.command.config.ConfigSetCommand;
import io.imgsh.shell.command.config.ConfigShowCommand;
import io.imgsh.shell.command.config.ConfigTrustCommand;
import io.imgsh.shell.command.config.ConfigUnsetCommand;
import io.imgsh.shell.command.config.TrustAddCommand;
import io.imgsh.shell.command.config.TrustListCommand;
import io.imgsh.shell.command.config.TrustRemoveCommand;
import io.imgsh.shell.command.image.ImageBrowseCommand;
import io.imgsh.shell.command.image.ImageCopyCommand;
import io.imgsh.shell.command.image.ImageDeleteCommand;
import io.imgsh.shell.command.image.ImageEditCommand;
import io.imgsh.shell.command.image.ImageExportCommand;
import io.imgsh.shell.command.image.ImageGetPropertyCommand;
import io.imgsh.shell.command.image.ImageImportCommand;
import io.imgsh.shell.command.image.ImageInfoCommand;
import io.imgsh.shell.command.image.ImageListCommand;
import io.imgsh.shell.command.image.ImageMirrorCommand;
import io.imgsh.shell.command.image.ImageRefreshCommand;
import io.imgsh.shell.command.image.ImageSetPropertyCommand;
import io.imgsh.shell.command.image.ImageShowCommand;
import io.imgsh.shell.command.image.ImageUnsetPropertyCommand;
import io.imgsh.shell.command.image.ImageVerifyCommand;
import io.imgsh.shell.command.instance.BrowseCommand;
import io.imgsh.shell.command.instance.CopyCommand;
import io.imgsh.shell.command.instance.DeleteCommand;
import io.imgsh.shell.command.instance.ExecCommand;
import io.imgsh.shell.command.instance.FileCommand;
import io.imgsh.shell.command.instance.FilePullCommand;
import io.imgsh.shell.command.instance.FilePushCommand;
import io.imgsh.shell.command.instance.InfoCommand;
import io.imgsh.shell.command.instance.InitCommand;
import io.imgsh.shell.command.instance.LaunchCommand;
import io.imgsh.shell.command.instance.ListCommand;
import io.imgsh.shell.command.instance.PublishCommand;
import io.imgsh.shell.command.instance.RestartCommand;
import io.imgsh.shell.command.instance.RestoreCommand;
import io.imgsh.shell.command.instance.SnapshotCommand;
import io.imgsh.shell.command.instance.StartCommand;
import io.imgsh.shell.command.instance.StopCommand;
import io.imgsh.shell.command.policy.PolicyCommand;
import io.imgsh.shell.command.policy.PolicyRunCommand;
import io.imgsh.shell.command.remote.RemoteAddCommand;
import io.imgsh.shell.command.remote.RemoteCommand;
import io.imgsh.shell.command.remote.RemoteGetDefaultCommand;
import io.imgsh.shell.command.remote.RemoteListCommand;
import io.imgsh.shell.command.remote.RemoteRemoveCommand;
import io.imgsh.shell.command.remote.RemoteRenameCommand;
import io.imgsh.shell.command.remote.RemoteSetUrlCommand;
import io.imgsh.shell.command.remote.RemoteSwitchCommand;
import io.imgsh.shell.command.streams.StreamsBuildCommand;
import io.imgsh.shell.command.streams.StreamsCommand;
import io.imgsh.shell.command.streams.StreamsVerifyCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The commands of every mode, declared once: the one-shot CLI, scripts, the prompt and the SSH console run the same
 * ones. The prompt builds the whole tree; a one-shot command line builds only the commands its words name
 * ({@link #along}), and a script those its lines name ({@link #alongAll}), because picocli reads each command class by
 * reflection and a command should not pay for the fifty it does not run; the commands a usage only lists are read
 * from their annotation alone.
 */
public final class CommandTree {
    /**
     * A command class and, for a group, its subcommands in the order help lists them. A {@code listed} one is only
     * named in a list of commands (a usage, {@code help}): its names and description are read from its {@code @Command}
     * annotation alone, its options not at all, and it is never run.
     */
    public record Node(Class<?> type, List<Node> children, boolean listed) {
        public Node(Class<?> type, List<Node> children) {
            this(type, children, false);
        }

        static Node command(Class<?> type) {
            return new Node(type, List.of());
        }

        static Node listed(Class<?> type) {
            return new Node(type, List.of(), true);
        }

        static Node group(Class<?> type, Node... children) {
            return new Node(type, List.of(children));
        }

        static Node group(Class<?> type, Class<?>... children) {
            return new Node(type, Arrays.stream(children).map(Node::command).toList());
        }

        /** Adds this node's type to {@code listed} if it is listed only, else to {@code run}; then its children's. */
        void collectTypes(Set<Class<?>> run, Set<Class<?>> listed) {
            (this.listed ? listed : run).add(type);
            children.forEach(child -> child.collectTypes(run, listed));
        }

        /** Whether {@code word} is this command's name or one of its aliases, as its annotation declares them. */
        boolean isNamed(String word) {
            Command declared = type.getAnnotation(Command.class);
            return declared.name().equals(word) || Arrays.asList(declared.aliases()).contains(word);
        }
    }

    /** Every command. */
    public static final List<Node> ALL = List.of(
            Node.group(ImageCommand.class,
                    Node.command(ImageImportCommand.class), Node.command(ImageListCommand.class),
                    Node.command(ImageBrowseCommand.class), Node.command(ImageInfoCommand.class),
                    Node.command(ImageShowCommand.class), Node.command(ImageEditCommand.class),
                    Node.command(ImageDeleteCommand.class), Node.command(ImageExportCommand.class),
                    Node.command(ImageGetPropertyCommand.class), Node.command(ImageSetPropertyCommand.class),
                    Node.command(ImageUnsetPropertyCommand.class), Node.command(ImageCopyCommand.class),
                    Node.command(ImageRefreshCommand.class), Node.command(ImageMirrorCommand.class),
                    Node.command(ImageVerifyCommand.class),
                    Node.group(AliasCommand.class, AliasCreateCommand.class, AliasDeleteCommand.class,
                            AliasListCommand.class, AliasRenameCommand.class)),
            Node.group(ConfigCommand.class,
                    Node.command(ConfigGetCommand.class), Node.command(ConfigSetCommand.class),
                    Node.command(ConfigUnsetCommand.class), Node.command(ConfigShowCommand.class),
                    Node.group(ConfigTrustCommand.class, TrustListCommand.class, TrustAddCommand.class,
                            TrustRemoveCommand.class)),
            Node.group(RemoteCommand.class, RemoteAddCommand.class, RemoteListCommand.class,
                    RemoteRemoveCommand.class, RemoteRenameCommand.class, RemoteSetUrlCommand.class,
                    RemoteSwitchCommand.class, RemoteGetDefaultCommand.class),
            Node.group(PolicyCommand.class, PolicyRunCommand.class),
            Node.group(StreamsCommand.class, StreamsBuildCommand.class, StreamsVerifyCommand.class),
            Node.command(ServeCommand.class),
            Node.command(MonitorCommand.class),
            Node.command(InitCommand.class),
            Node.command(LaunchCommand.class),
            Node.command(StartCommand.class),
            Node.command(StopCommand.class),
            Node.command(ExecCommand.class),
            Node.command(ListCommand.class),
            Node.command(BrowseCommand.class),
            Node.command(DeleteCommand.class),
            Node.command(PublishCommand.class),
            Node.command(RestartCommand.class),
            Node.command(InfoCommand.class),
            Node.command(SnapshotCommand.class),
            Node.command(RestoreCommand.class),
            Node.command(CopyCommand.class),
            Node.group(FileCommand.class, FilePushCommand.class, FilePullCommand.class),
            Node.command(HelpCommand.class));

    private CommandTree() {
    }

    /**
     * Every command listed only, and {@code help} to be run: all that the root's usage lists (for {@code help},
     * {@code --help} and an unknown command's usage error).
     */
    static final List<Node> TOP = ALL.stream()
            .map(node -> node.type() == HelpCommand.class ? Node.command(HelpCommand.class) : Node.listed(node.type()))
            .toList();

    /**
     * The part of the tree the command line {@code args} runs, given the root's options: the commands its words name,
     * a group whole when the next word names none of its subcommands (so that a usage error lists them all), the
     * commands listed only when the first word names none or the root's help is asked for (with the named ones whole),
     * {@code help} with the commands its further words name, and nothing when there is no command word (a mode of the
     * root: the prompt, a script, the version).
     */
    public static List<Node> along(String[] args, CommandSpec root) {
        List<String> words = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                words.addAll(Arrays.asList(args).subList(i + 1, args.length));
                break;
            }
            if (arg.startsWith("-") && words.isEmpty()) {
                RootOption option = RootOption.of(arg, root);
                help |= option.help();
                if (option.takesNext()) {
                    i++;
                }
            } else if (!arg.startsWith("-")) {
                words.add(arg);
            }
        }
        if (words.isEmpty()) {
            return help ? TOP : List.of();
        }
        Optional<Node> first = narrowed(ALL, words, 0);
        if (help) {
            return TOP.stream().map(node -> first.filter(named -> named.type() == node.type()).orElse(node)).toList();
        }
        if (first.isPresent() && first.get().type() == HelpCommand.class) {
            return narrowed(ALL, words, 1).map(shown -> List.of(shown, first.get())).orElse(TOP);
        }
        return first.map(List::of).orElse(TOP);
    }

    /** What one argument before the first command word is to the root: asks for help; has its value next. */
    private record RootOption(boolean help, boolean takesNext) {
        static RootOption of(String arg, CommandSpec root) {
            int eq = arg.indexOf('=');
            OptionSpec option = root.findOption(eq > 0 ? arg.substring(0, eq) : arg);
            if (option != null) {
                return new RootOption(option.usageHelp(), option.arity().max() > 0 && eq < 0);
            }
            // short options clustered as picocli reads them: -qV, -qD NAME=VALUE, -qfscript.lxs
            boolean help = false;
            for (int at = 1; !arg.startsWith("--") && at < arg.length(); at++) {
                OptionSpec letter = root.findOption(arg.charAt(at));
                if (letter == null) {
                    return new RootOption(false, false);
                }
                help |= letter.usageHelp();
                if (letter.arity().max() > 0) {
                    return new RootOption(help, at + 1 == arg.length());
                }
            }
            return new RootOption(help, false);
        }
    }

    /**
     * The part of the tree that a script of these lines' words runs: for each line what {@link #along} picks, or the
     * commands listed only for a line of options only; their union, in the tree's order, a command run by one line
     * and listed by another being built whole. A line that one of the {@code own} commands runs ({@code exit})
     * needs none of it.
     */
    public static List<Node> alongAll(List<String[]> lines, CommandSpec root, Class<?>... own) {
        Set<Class<?>> run = new HashSet<>();
        Set<Class<?>> listed = new HashSet<>();
        for (String[] words : lines) {
            if (Arrays.stream(own).noneMatch(type -> Node.command(type).isNamed(words[0]))) {
                List<Node> nodes = along(words, root);
                (nodes.isEmpty() ? TOP : nodes).forEach(node -> node.collectTypes(run, listed));
            }
        }
        return only(ALL, run, listed);
    }

    /** The nodes whose types are in {@code run} (with their children that are), else listed if in {@code listed}. */
    private static List<Node> only(List<Node> nodes, Set<Class<?>> run, Set<Class<?>> listed) {
        return nodes.stream().filter(node -> run.contains(node.type()) || listed.contains(node.type()))
                .map(node -> run.contains(node.type()) ? new Node(node.type(), only(node.children(), run, listed))
                        : Node.listed(node.type()))
                .toList();
    }

    /** The node among {@code nodes} that {@code words[at]} names, with only the children the next words name. */
    private static Optional<Node> narrowed(List<Node> nodes, List<String> words, int at) {
        if (at >= words.size()) {
            return Optional.empty();
        }
        return nodes.stream().filter(node -> node.isNamed(words.get(at))).findFirst()
                .map(node -> narrowed(node.children(), words, at + 1)
                        .map(child -> new Node(node.type(), List.of(child))).orElse(node));
    }
}
