package io.imgsh.shell.command.image;

import io.imgsh.engine.image.Image;
import io.imgsh.shell.render.ImageInfoText;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;

@Command(name = "info", description = "Show useful information about an image")
public final class ImageInfoCommand extends ImageTextCommand {

    ImageInfoCommand(Session session) {
        super(session);
    }

    @Override
    String text(Image image) {
        return ImageInfoText.of(image);
    }
}
