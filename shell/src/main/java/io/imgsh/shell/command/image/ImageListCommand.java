package io.imgsh.shell.command.image;

import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ListQuery;
import io.imgsh.shell.command.common.ListOptions;
import io.imgsh.shell.command.common.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.render.ImageColumns;
import io.imgsh.shell.render.ListRenderer;
import io.imgsh.shell.session.Session;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", aliases = "ls", description = "List images; filters are ANDed: a word matches an alias or "
        + "fingerprint substring; key=value an image field (architecture, type, fingerprint, filename: anchored regex, "
        + "any case; public, cached, auto_update, size, dates: exact), or else a property (anchored regex)")
public final class ImageListCommand implements Runnable {
    private final Session session;

    @Completes(Kind.IMAGE_FILTER)
    @Parameters(arity = "0..*", paramLabel = "[remote:][FILTER]")
    List<String> filters = new ArrayList<>();

    @Completes(Kind.COLUMNS)
    @Option(names = {"-c", "--columns"}, paramLabel = "COLUMNS", defaultValue = ImageColumns.DEFAULT,
            completionCandidates = ImageColumns.Letters.class,
            description = "Columns: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String columns;

    @Mixin
    ListOptions listOptions;

    ImageListCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        var shown = listOptions.columns(columns, ImageColumns.ALL);
        ListQuery query = ListQuery.parse(filters);
        // json and yaml keep the place's order: LXD lists images by fingerprint, and so does the store
        List<Image> images = Remotes.images(session, Remotes.remote(session, query)).list(query.filters());
        ListRenderer.render(listOptions.format(), shown, images, session.out());
    }
}
