package io.imgsh.shell.command.image;

import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.ListQuery;
import io.imgsh.shell.command.common.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import io.imgsh.shell.view.BrowseView;
import io.imgsh.shell.view.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code image browse [remote:] [filter]...}: the full-screen browser ({@link BrowseView}) of the images that
 * {@code image list} would list with the same arguments, wherever they are. The store's browser follows its change
 * log; a server's is read again with {@code r}; deleting, aliasing and editing are refused with the reason where the
 * images cannot be changed (a public or simplestreams server).
 */
@Command(name = "browse", description = "Browse images full-screen (in a terminal): filter as you type, sort, "
        + "info, edit, alias, delete and export; remote and filters as for list")
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
        ListQuery query = ListQuery.parse(filters);
        Images images = Remotes.images(session, Remotes.remote(session, query));
        Terminal terminal = Views.fullScreen(session.terminal(), "image browse", "image list");
        LongSupplier latestChange = images == session.engine().images() ? session.engine().events()::latest
                : () -> 0;
        Views.run(terminal, screen -> new BrowseView(screen, images, latestChange, query.filters(),
                session.env().get("HOME")).run());
    }
}
