package io.imgsh.shell.command.streams;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.ListQuery;
import io.imgsh.engine.streams.BuildOptions;
import io.imgsh.engine.streams.BuildReport;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.progress.ProgressDisplay;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "build", description = "Write (or bring up to date) a simplestreams tree of the store's public "
        + "images in DIR: streams/v1/index.json, streams/v1/images.json, images/<fingerprint>/…, and for the direct "
        + "protocol direct/aliases.json (the headers of each alias) and the nginx include direct/nginx.conf. "
        + "Filters select as in image list. "
        + "Only files that change are written; files no longer published are removed last")
public final class StreamsBuildCommand implements Runnable {
    private final Session session;

    @Completes(Kind.DIRECTORY)
    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;

    @Completes(Kind.IMAGE_FILTER)
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "FILTER")
    List<String> filters = new ArrayList<>();

    @Completes(Kind.TEXT)
    @Option(names = "--keep", paramLabel = "N", defaultValue = "0",
            description = "Keep the newest N versions of each product (default: all)")
    int keep;

    @Option(names = "--hardlink", description = "Hard-link the image files to the store's instead of copying them "
            + "(same file system; never edit the tree's files in place then)")
    boolean hardLink;

    @Option(names = "--all", description = "Publish private images too")
    boolean includePrivate;

    StreamsBuildCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        ListQuery query = ListQuery.parse(filters);
        if (query.remote() != null && !query.remote().equals(ImageRef.LOCAL)) {
            throw new InvalidInputException("streams build publishes the local store's images, not those of \""
                    + query.remote() + "\": copy them here first");
        }
        BuildReport report;
        try (ProgressDisplay progress = ProgressDisplay.forCommand(session, "Publishing images")) {
            report = session.engine().streams().build(dir, new BuildOptions(query.filters(), includePrivate, keep,
                    hardLink), progress);
        }
        report.notes().forEach(n -> session.err().println("Warning: " + n));
        String published = report.images() + " image(s) in " + report.products() + " product(s)";
        if (report.unchanged()) {
            session.info("Tree " + dir + " is up to date: " + published);
            return;
        }
        session.info("Published " + published + " to " + dir + ": " + report.added().size() + " file(s) added, "
                + report.removed().size() + " removed, " + report.rewritten().size() + " rewritten");
        if (report.rewritten().contains("direct/nginx.conf")) {
            session.info("The direct-protocol include changed: reload nginx (nginx -s reload)");
        }
    }
}
