package io.imgsh.shell.command.image;

import io.imgsh.shell.command.common.Remotes;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;

@Command(name = "get-property", description = "Print one image property")
public final class ImageGetPropertyCommand extends PropertyCommand {

    ImageGetPropertyCommand(Session session) {
        super(session);
    }

    @Override
    public void run() {
        session.out().println(Remotes.image(session, ref()).property(key));
    }
}
