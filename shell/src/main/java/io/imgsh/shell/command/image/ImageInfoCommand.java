package io.imgsh.shell.command.image;

import io.imgsh.shell.Session;
import io.imgsh.shell.command.Remotes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "info", description = "Show useful information about an image")
public final class ImageInfoCommand implements Runnable {
    private final Session session;

    @Parameters(paramLabel = "[remote:]IMAGE")
    String image;

    ImageInfoCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        session.out().print(ImageInfoText.of(session.engine().images().resolve(Remotes.localName(image))));
    }
}
