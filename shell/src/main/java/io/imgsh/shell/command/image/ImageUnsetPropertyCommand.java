package io.imgsh.shell.command.image;

import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;

@Command(name = "unset-property", description = "Remove one image property (no error if it is not set)")
public final class ImageUnsetPropertyCommand extends PropertyCommand {

    ImageUnsetPropertyCommand(Session session) {
        super(session);
    }

    @Override
    public void run() {
        write(null);
    }
}
