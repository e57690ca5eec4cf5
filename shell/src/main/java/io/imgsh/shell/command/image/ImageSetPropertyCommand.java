package io.imgsh.shell.command.image;

import io.imgsh.engine.image.ImageService;
import io.imgsh.shell.Session;
import io.imgsh.shell.command.Remotes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "set-property", description = "Set one image property")
public final class ImageSetPropertyCommand implements Runnable {
    private final Session session;

    @Parameters(index = "0", paramLabel = "[remote:]IMAGE")
    String image;

    @Parameters(index = "1", paramLabel = "KEY")
    String key;

    @Parameters(index = "2", paramLabel = "VALUE")
    String value;

    ImageSetPropertyCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        ImageService images = session.engine().images();
        io.imgsh.engine.image.ImageRef ref = Remotes.parse(session, image);
        if (!ref.remote().equals(io.imgsh.engine.image.ImageRef.LOCAL)) {
            RemoteProperties.set(Remotes.lxd(session, ref.remote()), ref.name(), key, value);
            return;
        }
        images.setProperty(images.resolve(ref.name()).fingerprint(), key, value);
    }
}
