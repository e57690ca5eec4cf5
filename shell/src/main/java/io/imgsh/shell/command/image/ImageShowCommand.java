package io.imgsh.shell.command.image;

import io.imgsh.engine.image.ImageRef;
import io.imgsh.shell.Session;
import io.imgsh.shell.command.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.render.YamlWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "Show the writable fields of an image as YAML")
public final class ImageShowCommand implements Runnable {
    private final Session session;

    @Completes(Kind.IMAGE)
    @Parameters(paramLabel = "[remote:]IMAGE")
    String image;

    ImageShowCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        ImageRef ref = Remotes.parse(session, image);
        session.out().print(YamlWriter.write(Remotes.image(session, ref).writable()));
    }
}
