package io.imgsh.shell.command.image;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "set-property", description = "Set one image property")
public final class ImageSetPropertyCommand extends PropertyCommand {

    @Completes(Kind.PROPERTY_VALUE)
    @Parameters(index = "2", paramLabel = "VALUE")
    String value;

    ImageSetPropertyCommand(Session session) {
        super(session);
    }

    @Override
    public void run() {
        write(value);
    }
}
