package io.imgsh.shell.command.alias;

import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Images;
import io.imgsh.shell.command.common.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rename", aliases = "mv", description = "Rename an alias")
public final class AliasRenameCommand implements Runnable {
    private final Session session;

    @Completes(Kind.ALIAS)
    @Parameters(index = "0", paramLabel = "[remote:]ALIAS")
    String alias;

    @Completes(Kind.TEXT)
    @Parameters(index = "1", paramLabel = "NEW-NAME")
    String newName;

    AliasRenameCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        ImageRef ref = Remotes.aliasRef(session, alias);
        Images images = Remotes.images(session, ref.remote());
        images.requireWritable();
        images.renameAlias(ref.name(), newName);
    }
}
