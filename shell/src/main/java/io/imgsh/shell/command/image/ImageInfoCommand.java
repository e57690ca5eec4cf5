package io.imgsh.shell.command.image;

import io.imgsh.engine.image.ImageRef;
import io.imgsh.shell.Session;
import io.imgsh.shell.command.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.render.ImageInfoText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "info", description = "Show useful information about an image")
public final class ImageInfoCommand implements Runnable {
    private final Session session;

    @Completes(Kind.IMAGE)
    @Parameters(paramLabel = "[remote:]IMAGE")
    String image;

    ImageInfoCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        ImageRef ref = Remotes.parse(session, image);
        session.out().print(ImageInfoText.of(Remotes.image(session, ref)));
    }
}
