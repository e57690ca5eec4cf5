package io.imgsh.shell.command.image;

import io.imgsh.engine.image.Image;
import io.imgsh.shell.render.YamlWriter;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;

@Command(name = "show", description = "Show the writable fields of an image as YAML")
public final class ImageShowCommand extends ImageTextCommand {

    ImageShowCommand(Session session) {
        super(session);
    }

    @Override
    String text(Image image) {
        return YamlWriter.write(image.writable());
    }
}
