package io.imgsh.shell.command.alias;

import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Images;
import io.imgsh.shell.command.common.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", aliases = "add", description = "Create an alias for the image with this fingerprint "
        + "(or unique fingerprint prefix)")
public final class AliasCreateCommand implements Runnable {
    private final Session session;

    @Completes(Kind.NEW_ALIAS)
    @Parameters(index = "0", paramLabel = "[remote:]ALIAS")
    String alias;

    @Completes(Kind.FINGERPRINT)
    @Parameters(index = "1", paramLabel = "FINGERPRINT")
    String target;

    @Completes(Kind.TEXT)
    @Option(names = "--description", paramLabel = "TEXT", description = "Alias description")
    String description = "";

    AliasCreateCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        ImageRef ref = Remotes.aliasRef(session, alias);
        Images images = Remotes.images(session, ref.remote());
        images.requireWritable();
        images.createAlias(ref.name(), target, description);
    }
}
