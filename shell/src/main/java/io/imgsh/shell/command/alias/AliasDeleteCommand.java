package io.imgsh.shell.command.alias;

import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Images;
import io.imgsh.shell.command.common.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", aliases = "rm", description = "Delete an alias (the image stays)")
public final class AliasDeleteCommand implements Runnable {
    private final Session session;

    @Completes(Kind.ALIAS)
    @Parameters(paramLabel = "[remote:]ALIAS")
    String alias;

    AliasDeleteCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        ImageRef ref = Remotes.aliasRef(session, alias);
        Images images = Remotes.images(session, ref.remote());
        images.requireWritable();
        images.deleteAlias(ref.name());
    }
}
