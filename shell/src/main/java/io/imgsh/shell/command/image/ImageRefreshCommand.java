package io.imgsh.shell.command.image;

import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.remote.CopyService;
import io.imgsh.shell.command.common.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.progress.ProgressDisplay;
import io.imgsh.shell.session.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "refresh", description = "Refresh images from their recorded source")
public final class ImageRefreshCommand implements Runnable {
    private final Session session;

    @Completes(Kind.IMAGE)
    @Parameters(arity = "1..*", paramLabel = "[remote:]IMAGE")
    List<String> images;

    ImageRefreshCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        for (String image : images) {
            ImageRef ref = Remotes.parse(session, image);
            CopyService.RefreshResult r;
            try (ProgressDisplay progress = ProgressDisplay.forCommand(session, "Refreshing the image")) {
                r = session.engine().copies().refresh(ref, progress);
            }
            session.info(r.refreshed() ? "Image refreshed successfully!" : "Image already up to date.");
        }
    }
}
