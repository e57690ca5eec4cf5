package io.imgsh.shell.command.image;

import io.imgsh.engine.Engine;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.ListQuery;
import io.imgsh.shell.Session;
import io.imgsh.shell.command.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.view.BrowseView;
import io.imgsh.shell.view.Views;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code image browse [remote:] [filter]...}: the full-screen browser ({@link BrowseView}) of the images that
 * {@code image list} would list with the same arguments. Only local images can be browsed so far: another remote,
 * given or the default one, is refused as the other local-only commands refuse it.
 */
@Command(name = "browse", description = "Browse images full-screen (in a terminal): filter as you type, sort, "
        + "info, edit, alias, delete and export; filters as for list")
public final class ImageBrowseCommand implements Runnable {
    private final Session session;

    @Completes(Kind.IMAGE_FILTER)
    @Parameters(arity = "0..*", paramLabel = "[remote:][FILTER]")
    List<String> filters = new ArrayList<>();

    ImageBrowseCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        List<String> local = localFilters();
        Terminal terminal = session.terminal().orElseThrow(() -> new EngineException(
                "image browse needs an interactive terminal (standard input and output); use image list instead"));
        if (!Views.supports(terminal)) {
            throw new EngineException("image browse needs a terminal that can show full-screen views (TERM is "
                    + terminal.getType() + "); use image list instead");
        }
        Engine engine = session.engine();
        Views.run(terminal, screen -> new BrowseView(screen, engine.images(), engine.aliases(), engine.events(), local,
                session.env().get("HOME")).run());
    }

    /** The filters without the remote of the first one (as {@code image list} takes it), which must be local. */
    private List<String> localFilters() {
        ListQuery query = ListQuery.parse(filters);
        String remote = query.remote() == null ? session.engine().remotes().defaultRemote() : query.remote();
        // an unknown remote, or one that is not local, fails here exactly as in the other local-only commands
        Remotes.localAliasName(session, remote + ":");
        return query.filters();
    }
}
