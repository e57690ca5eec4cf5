package io.imgsh.shell.command.alias;

import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.shell.command.common.ListOptions;
import io.imgsh.shell.command.common.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.render.AliasColumns;
import io.imgsh.shell.render.ListRenderer;
import io.imgsh.shell.session.Session;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", aliases = "ls", description = "List aliases; filters are ORed substrings of the name or "
        + "target fingerprint")
public final class AliasListCommand implements Runnable {
    private final Session session;

    @Completes(Kind.ALIAS_FILTER)
    @Parameters(arity = "0..*", paramLabel = "[remote:] [FILTER]")
    List<String> filters = new ArrayList<>();

    @Completes(Kind.COLUMNS)
    @Option(names = {"-c", "--columns"}, paramLabel = "COLUMNS", defaultValue = AliasColumns.DEFAULT,
            completionCandidates = AliasColumns.Letters.class,
            description = "Columns: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String columns;

    @Mixin
    ListOptions listOptions;

    AliasListCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        var shown = listOptions.columns(columns, AliasColumns.ALL);
        List<String> words = new ArrayList<>(filters);
        String remote;
        if (!words.isEmpty() && ImageRef.target(words.get(0)).isPresent()) {
            remote = ImageRef.target(words.remove(0)).get();
            session.engine().remotes().get(remote);
        } else {
            remote = session.defaultRemote();
        }
        List<AliasEntry> aliases = Remotes.images(session, remote).aliases(words);
        ListRenderer.render(listOptions.format(), shown, aliases, session.out());
    }
}
