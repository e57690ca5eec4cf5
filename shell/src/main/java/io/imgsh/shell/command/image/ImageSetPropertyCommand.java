package io.imgsh.shell.command.image;

import io.imgsh.engine.image.ImageService;
import io.imgsh.shell.Session;
import io.imgsh.shell.command.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "set-property", description = "Set one image property")
public final class ImageSetPropertyCommand implements Runnable {
    private final Session session;

    @Completes(Kind.IMAGE)
    @Parameters(index = "0", paramLabel = "[remote:]IMAGE")
    String image;

    @Completes(Kind.PROPERTY_KEY)
    @Parameters(index = "1", paramLabel = "KEY")
    String key;

    @Completes(Kind.PROPERTY_VALUE)
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
