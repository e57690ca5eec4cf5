package io.imgsh.shell.command.image;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.shell.command.common.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.progress.ProgressDisplay;
import io.imgsh.shell.session.Session;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "copy", aliases = "cp", description = "Copy images between servers")
public final class ImageCopyCommand implements Runnable {
    private final Session session;

    @Completes(Kind.IMAGE)
    @Parameters(index = "0", paramLabel = "[remote:]IMAGE")
    String source;

    @Completes(Kind.COPY_TARGET)
    @Parameters(index = "1", paramLabel = "REMOTE:")
    CopyTarget target;

    @Completes(Kind.TEXT)
    @Option(names = "--alias", paramLabel = "ALIAS", description = "New aliases to add to the image (repeatable)")
    List<String> aliases = new ArrayList<>();

    @Option(names = "--copy-aliases", description = "Copy aliases from source")
    boolean copyAliases;

    @Option(names = "--auto-update", description = "Keep the image up to date after initial copy")
    boolean autoUpdate;

    @Option(names = "--public", description = "Make image public")
    boolean isPublic;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "pull",
            completionCandidates = CopyMode.Names.class,
            description = "pull (default), push or relay, accepted as lxc takes them; imgsh always moves the"
                    + " image through itself (as relay does)")
    CopyMode mode;

    ImageCopyCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        if (autoUpdate && mode != CopyMode.PULL) {
            throw new InvalidInputException("Auto update is only available in pull mode");
        }
        session.engine().remotes().get(target.remote());
        ImageRef ref = Remotes.parse(session, source);
        CopyRequest request = new CopyRequest(aliases, copyAliases, autoUpdate, isPublic);
        try (ProgressDisplay progress = ProgressDisplay.forCommand(session, "Copying the image")) {
            session.engine().copies().copy(ref, target.remote(), request, progress);
        }
        session.info("Image copied successfully!");
    }
}
