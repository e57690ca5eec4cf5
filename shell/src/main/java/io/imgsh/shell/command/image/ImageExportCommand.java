package io.imgsh.shell.command.image;

import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Images;
import io.imgsh.shell.command.common.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.progress.ProgressDisplay;
import io.imgsh.shell.session.Session;
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
        ImageRef ref = Remotes.parse(session, image);
        Images images = Remotes.images(session, ref.remote());
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
