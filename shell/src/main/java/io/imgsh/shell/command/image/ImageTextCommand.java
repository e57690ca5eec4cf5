package io.imgsh.shell.command.image;

import io.imgsh.engine.image.Image;
import io.imgsh.shell.command.common.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Parameters;

/** What {@code image info} and {@code image show} share: one image, local or remote, printed as a text. */
abstract class ImageTextCommand implements Runnable {
    private final Session session;

    @Completes(Kind.IMAGE)
    @Parameters(paramLabel = "[remote:]IMAGE")
    String image;

    ImageTextCommand(Session session) {
        this.session = session;
    }

    /** The text printed for {@code image}, with its final line break. */
    abstract String text(Image image);

    @Override
    public final void run() {
        session.out().print(text(Remotes.image(session, Remotes.parse(session, image))));
    }
}
