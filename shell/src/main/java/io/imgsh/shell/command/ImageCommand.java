package io.imgsh.shell.command;

import io.imgsh.shell.command.alias.AliasCommand;
import io.imgsh.shell.command.common.GroupCommand;
import io.imgsh.shell.command.image.ImageBrowseCommand;
import io.imgsh.shell.command.image.ImageCopyCommand;
import io.imgsh.shell.command.image.ImageDeleteCommand;
import io.imgsh.shell.command.image.ImageEditCommand;
import io.imgsh.shell.command.image.ImageExportCommand;
import io.imgsh.shell.command.image.ImageGetPropertyCommand;
import io.imgsh.shell.command.image.ImageImportCommand;
import io.imgsh.shell.command.image.ImageInfoCommand;
import io.imgsh.shell.command.image.ImageListCommand;
import io.imgsh.shell.command.image.ImageMirrorCommand;
import io.imgsh.shell.command.image.ImageRefreshCommand;
import io.imgsh.shell.command.image.ImageSetPropertyCommand;
import io.imgsh.shell.command.image.ImageShowCommand;
import io.imgsh.shell.command.image.ImageUnsetPropertyCommand;
import io.imgsh.shell.command.image.ImageVerifyCommand;
import picocli.CommandLine.Command;

@Command(name = "image", description = "Manage images",
        subcommands = {ImageImportCommand.class, ImageListCommand.class, ImageBrowseCommand.class,
                ImageInfoCommand.class, ImageShowCommand.class, ImageEditCommand.class, ImageDeleteCommand.class,
                ImageExportCommand.class,
                ImageGetPropertyCommand.class, ImageSetPropertyCommand.class, ImageUnsetPropertyCommand.class,
                ImageCopyCommand.class, ImageRefreshCommand.class, ImageMirrorCommand.class,
                ImageVerifyCommand.class, AliasCommand.class})
public final class ImageCommand extends GroupCommand {
}
