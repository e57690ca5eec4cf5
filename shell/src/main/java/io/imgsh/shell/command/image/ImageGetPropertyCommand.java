package io.imgsh.shell.command.image;

import io.imgsh.engine.image.ImageService;
import io.imgsh.shell.Session;
import io.imgsh.shell.command.Remotes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get-property", description = "Print one image property")
public final class ImageGetPropertyCommand implements Runnable {
    private final Session session;

    @Parameters(index = "0", paramLabel = "[remote:]IMAGE")
    String image;

    @Parameters(index = "1", paramLabel = "KEY")
    String key;

    ImageGetPropertyCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        ImageService images = session.engine().images();
        io.imgsh.engine.image.ImageRef ref = Remotes.parse(session, image);
        if (!ref.remote().equals(io.imgsh.engine.image.ImageRef.LOCAL)) {
            var props = Remotes.server(session, ref.remote()).resolve(ref.name()).image().properties();
            if (!props.containsKey(key)) {
                throw new io.imgsh.engine.NotFoundException("Property not found");
            }
            session.out().println(props.get(key));
            return;
        }
        session.out().println(images.property(images.resolve(ref.name()).fingerprint(), key));
    }
}
