package io.imgsh.shell.command.image;

import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Images;
import io.imgsh.shell.command.common.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", aliases = "rm", description = "Delete images (in order; stops at the first failure)")
public final class ImageDeleteCommand implements Runnable {
    private final Session session;

    @Completes(Kind.IMAGE)
    @Parameters(arity = "1..*", paramLabel = "[remote:]IMAGE")
    List<String> images;

    ImageDeleteCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        for (String reference : images) {
            ImageRef ref = Remotes.parse(session, reference);
            Images place = Remotes.images(session, ref.remote());
            place.requireWritable();
            place.delete(place.resolve(ref.name()).fingerprint());
        }
    }
}
