package io.imgsh.shell.command.image;

import io.imgsh.shell.Session;
import io.imgsh.shell.command.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get-property", description = "Print one image property")
public final class ImageGetPropertyCommand implements Runnable {
    private final Session session;

    @Completes(Kind.IMAGE)
    @Parameters(index = "0", paramLabel = "[remote:]IMAGE")
    String image;

    @Completes(Kind.PROPERTY_KEY)
    @Parameters(index = "1", paramLabel = "KEY")
    String key;

    ImageGetPropertyCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        session.out().println(Remotes.image(session, Remotes.parse(session, image)).property(key));
    }
}
