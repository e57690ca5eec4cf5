package io.imgsh.shell.command.streams;

import io.imgsh.shell.command.common.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "streams", description = "Publish the store's images as a static simplestreams tree for any web "
        + "server, and check such a tree")
public final class StreamsCommand extends GroupCommand {
}
