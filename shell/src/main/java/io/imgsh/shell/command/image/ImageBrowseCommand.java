package io.imgsh.shell.command.image;

import io.imgsh.engine.Engine;
import io.imgsh.engine.EngineException;
import io.imgsh.shell.Session;
import io.imgsh.shell.view.BrowseView;
import io.imgsh.shell.view.Views;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "browse", description = "Browse images full-screen (in a terminal): filter as you type, sort, "
        + "info, edit, alias, delete and export; filters as for list")
public final class ImageBrowseCommand implements Runnable {
    private final Session session;

    @Parameters(arity = "0..*", paramLabel = "[remote:][FILTER]")
    List<String> filters = new ArrayList<>();

    ImageBrowseCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        List<String> local = Views.localFilters(filters);
        Terminal terminal = session.terminal().filter(Views::supports).orElseThrow(() -> new EngineException(
                "image browse needs an interactive terminal (standard input and output); use image list instead"));
        Engine engine = session.engine();
        Views.run(terminal, screen -> new BrowseView(screen, engine.images(), engine.aliases(), local,
                session.env().get("HOME")).run());
    }
}
