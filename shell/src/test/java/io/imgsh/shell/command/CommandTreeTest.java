package io.imgsh.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.shell.command.alias.AliasCommand;
import io.imgsh.shell.command.alias.AliasCreateCommand;
import io.imgsh.shell.command.config.ConfigTrustCommand;
import io.imgsh.shell.command.config.TrustListCommand;
import io.imgsh.shell.command.image.ImageListCommand;
import io.imgsh.shell.session.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A one-shot command line builds only the commands its words name, a script those its lines name, and the whole tree
 * where it must.
 */
class CommandTreeTest {
    private final Session session = new Session(new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), Map.of(),
            Clock.systemUTC(), false);
    private final CommandSpec root = new CommandLine(new ImgshCommand(session)).getCommandSpec();

    private List<CommandTree.Node> along(String... args) {
        return CommandTree.along(args, root);
    }

    private static CommandTree.Node path(Class<?>... types) {
        CommandTree.Node node = new CommandTree.Node(types[types.length - 1], List.of());
        for (int i = types.length - 2; i >= 0; i--) {
            node = new CommandTree.Node(types[i], List.of(node));
        }
        return node;
    }

    @Test
    void theWordsOfTheCommandPickOneBranchPastTheGlobalOptionsAndTheCommandsOwn() {
        assertThat(along("image", "list", "-f", "csv")).containsExactly(path(ImageCommand.class,
                ImageListCommand.class));
        assertThat(along("--home", "/tmp/store", "-q", "image", "ls")).containsExactly(path(ImageCommand.class,
                ImageListCommand.class));
        assertThat(along("--home=/tmp/store", "config", "trust", "list")).containsExactly(path(ConfigCommand.class,
                ConfigTrustCommand.class, TrustListCommand.class));
        assertThat(along("serve", "--listen", "127.0.0.1:0")).containsExactly(path(ServeCommand.class));
    }

    @Test
    void clusteredShortOptionsOfTheRootAreReadAsPicocliReadsThem() {
        assertThat(along("-qD", "K=V", "image", "list")).containsExactly(path(ImageCommand.class,
                ImageListCommand.class));
        assertThat(along("-qDK=V", "image", "list")).containsExactly(path(ImageCommand.class,
                ImageListCommand.class));
        assertThat(along("-qfscript.lxs")).isEmpty();
        assertThat(along("-qf", "script.lxs")).isEmpty();
        assertThat(along("-qh")).isEqualTo(CommandTree.TOP);
    }

    @Test
    void theRootsHelpBeforeCommandWordsListsEveryCommandWithTheNamedOnesWhole() {
        List<CommandTree.Node> nodes = along("--help", "image", "list");
        assertThat(nodes).hasSameSizeAs(CommandTree.TOP).contains(path(ImageCommand.class, ImageListCommand.class));
        assertThat(nodes.stream().filter(CommandTree.Node::listed)).hasSize(CommandTree.TOP.size() - 2);
    }

    @Test
    void aGroupWithoutAKnownSubcommandIsWholeSoThatItsUsageListsThemAll() {
        CommandTree.Node image = CommandTree.ALL.get(0);
        assertThat(along("image")).containsExactly(image);
        assertThat(along("image", "lsit")).containsExactly(image);
    }

    @Test
    void helpBuildsWhatItShowsAndTheRootAloneNothing() {
        CommandTree.Node help = new CommandTree.Node(HelpCommand.class, List.of());
        assertThat(along("help", "image", "list")).containsExactly(path(ImageCommand.class, ImageListCommand.class),
                help);
        assertThat(along("help", "image")).containsExactly(CommandTree.ALL.get(0), help);
        assertThat(along("imaeg", "list")).isEqualTo(CommandTree.TOP);
        assertThat(along("help")).isEqualTo(CommandTree.TOP);
        assertThat(along("help", "nosuch")).isEqualTo(CommandTree.TOP);
        assertThat(along("--help")).isEqualTo(CommandTree.TOP);
        assertThat(CommandTree.TOP).hasSameSizeAs(CommandTree.ALL).allMatch(node -> node.children().isEmpty())
                .contains(help);
        assertThat(along("--version")).isEmpty();
        assertThat(along("-f", "script.lxs")).isEmpty();
        assertThat(along()).isEmpty();
    }

    @Test
    void aScriptBuildsTheUnionOfWhatItsLinesNameInTheTreesOrder() {
        CommandSpec lineRoot = new CommandLine(new LineCommand()).getCommandSpec();
        List<String[]> lines = List.of(new String[] {"image", "alias", "create", "a", "b"},
                new String[] {"config", "trust", "list"}, new String[] {"image", "ls"}, new String[] {"exit", "3"});
        assertThat(CommandTree.alongAll(lines, lineRoot, ExitCommand.class)).containsExactly(
                new CommandTree.Node(ImageCommand.class, List.of(path(ImageListCommand.class),
                        path(AliasCommand.class, AliasCreateCommand.class))),
                path(ConfigCommand.class, ConfigTrustCommand.class, TrustListCommand.class));
    }

    @Test
    void aScriptLineOfAnUnknownCommandOrOptionsOnlyAddsTheTopLevelForItsUsage() {
        CommandSpec lineRoot = new CommandLine(new LineCommand()).getCommandSpec();
        assertThat(CommandTree.alongAll(List.<String[]>of(new String[] {"imaeg", "list"}), lineRoot))
                .isEqualTo(CommandTree.TOP);
        assertThat(CommandTree.alongAll(List.<String[]>of(new String[] {"--help"}), lineRoot))
                .isEqualTo(CommandTree.TOP);
        assertThat(CommandTree.alongAll(List.<String[]>of(new String[] {"exit"}), lineRoot, ExitCommand.class))
                .isEmpty();
    }

    @Test
    void aListedCommandIsNotReadByReflectionAndShowsInTheListOfCommandsAsItsDeclaration() {
        CommandLine full = new CommandLine(new ImgshCommand(session), new SessionFactory(session));
        CommandTree.ALL.forEach(node -> full.addSubcommand(new CommandLine(node.type(), full.getFactory())));
        CommandLine listed = CommandRunner.forArgs(session, new ImgshCommand(session), "--help").commandLine();
        assertThat(listed.getSubcommands().get("launch").getCommandSpec().options())
                .extracting(option -> option.longestName()).containsExactly("--help");
        assertThat(listed.getSubcommands().get("image").getSubcommands()).isEmpty();
        assertThat(listed.getHelp().commandList()).isEqualTo(full.getHelp().commandList()).contains("init, create");
        assertThat(listed.getUsageMessage()).isEqualTo(full.getUsageMessage());
    }

    @Test
    void theOneShotRunnerHasOnlyThatBranch() {
        CommandLine tree = CommandRunner.forArgs(session, new ImgshCommand(session), "image", "list").commandLine();
        assertThat(tree.getSubcommands()).containsOnlyKeys("image");
        assertThat(tree.getSubcommands().get("image").getSubcommands()).containsOnlyKeys("list", "ls");
    }
}
