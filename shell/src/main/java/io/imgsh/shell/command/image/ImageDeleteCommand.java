package io.imgsh.shell.command.image;

import io.imgsh.engine.image.ImageService;
import io.imgsh.shell.Session;
import io.imgsh.shell.command.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
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
        ImageService service = session.engine().images();
        for (String ref : images) {
            io.imgsh.engine.image.ImageRef r = Remotes.parse(session, ref);
            if (!r.remote().equals(io.imgsh.engine.image.ImageRef.LOCAL)) {
                var lxd = Remotes.lxd(session, r.remote());
                lxd.delete(lxd.resolve(r.name()).fingerprint());
                continue;
            }
            service.delete(service.resolve(r.name()).fingerprint());
        }
    }
}
