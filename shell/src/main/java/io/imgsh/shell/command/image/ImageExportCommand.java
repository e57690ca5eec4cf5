package io.imgsh.shell.command.image;

import io.imgsh.engine.image.ImageService;
import io.imgsh.shell.Session;
import io.imgsh.shell.command.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.progress.ProgressDisplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = "Export an image's files: into a directory under their stored names, to a "
        + "path (a unified image gets its extension appended; a split one writes PATH and PATH.root), or to "
        + "standard output with - (unified images)")
public final class ImageExportCommand implements Runnable {
    private final Session session;

    @Completes(Kind.IMAGE)
    @Parameters(index = "0", paramLabel = "[remote:]IMAGE")
    String image;

    @Completes(Kind.FILE)
    @Parameters(index = "1", arity = "0..1", paramLabel = "TARGET")
    String target;

    ImageExportCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        ImageService images = session.engine().images();
        io.imgsh.engine.image.ImageRef ref = Remotes.parse(session, image);
        if (!ref.remote().equals(io.imgsh.engine.image.ImageRef.LOCAL)) {
            var server = session.engine().remotes().server(ref.remote());
            if (!(server instanceof io.imgsh.engine.remote.lxd.LxdServer lxd)) {
                throw new io.imgsh.engine.EngineException("Export from a " + server.remote().protocol()
                        + " remote is not supported; copy the image into local: first");
            }
            if ("-".equals(target)) {
                throw new io.imgsh.engine.EngineException("Export of a remote image to standard output is not"
                        + " supported; give a directory or path, or copy the image into local: first");
            }
            String fp = lxd.resolve(ref.name()).fingerprint();
            try (ProgressDisplay progress = ProgressDisplay.forCommand(session, "Exporting image")) {
                lxd.export(fp, target, progress);
            }
            session.info("Image exported successfully!");
            return;
        }
        String fingerprint = images.resolve(ref.name()).fingerprint();
        if ("-".equals(target)) {
            images.export(fingerprint, new CheckedOutput(session.out()));
            return;
        }
        try (ProgressDisplay progress = ProgressDisplay.forCommand(session, "Exporting image")) {
            images.export(fingerprint, target, progress);
        }
        session.info("Image exported successfully!");
    }
}
