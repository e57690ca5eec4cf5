package io.imgsh.shell.command.image;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.shell.Session;
import io.imgsh.shell.command.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.progress.ProgressDisplay;
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
        String targetRemote = target.remote();
        Remotes.requireKnown(session, targetRemote);
        ImageRef ref = Remotes.parse(session, source);
        CopyRequest request = new CopyRequest(aliases, copyAliases, autoUpdate, isPublic);
        try (ProgressDisplay progress = ProgressDisplay.forCommand(session, "Copying the image")) {
            copy(ref, targetRemote, request, progress);
        }
        session.info("Image copied successfully!");
    }

    private void copy(ImageRef ref, String targetRemote, CopyRequest request, Progress progress) {
        if (!targetRemote.equals(ImageRef.LOCAL)) {
            // Into an lxd remote: this client uploads (local source), or downloads then uploads (remote source).
            var target = Remotes.lxd(session, targetRemote);
            if (ref.remote().equals(ImageRef.LOCAL)) {
                var images = session.engine().images();
                session.engine().copies().push(images.resolve(ref.name()).fingerprint(), target, request, progress);
            } else {
                session.engine().copies().relay(Remotes.server(session, ref.remote()), ref.name(), target, request,
                        progress);
            }
            return;
        }
        if (ref.remote().equals(ImageRef.LOCAL)) {
            throw new EngineException("The image is already in the local store; use 'image alias create' to add an"
                    + " alias");
        }
        session.engine().copies().copy(Remotes.server(session, ref.remote()), ref.name(), request, progress);
    }
}
