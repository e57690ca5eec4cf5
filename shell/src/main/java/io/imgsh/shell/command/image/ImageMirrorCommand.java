package io.imgsh.shell.command.image;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.ListQuery;
import io.imgsh.engine.mirror.MirrorReport;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.progress.ProgressDisplay;
import io.imgsh.shell.session.Session;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "mirror", description = "Keep the images of a remote that the filters select (as image list filters"
        + " them) in the store: copy what is missing, keep the newest N of each family (same os, release, variant,"
        + " architecture and rootfs type), move aliases as the remote moved them, remove what the mirror brought in"
        + " that is gone or too old. Settings are recorded: later runs without them, and the caching policy with"
        + " --auto-update, refresh the mirror as set up")
public final class ImageMirrorCommand implements Runnable {
    private final Session session;

    @Spec
    CommandSpec spec;

    @Completes(Kind.IMAGE_FILTER)
    @Parameters(arity = "1..*", paramLabel = "REMOTE:[FILTER]")
    List<String> args;

    @Completes(Kind.TEXT)
    @Option(names = "--keep", paramLabel = "N",
            description = "Newest images kept per family (0: all; default: as recorded, else 0)")
    Integer keep;

    @Option(names = "--auto-update", negatable = true,
            description = "Refresh the mirror whenever the caching policy auto-updates images (every"
                    + " images.auto_update_interval hours: imgsh serve, policy run, the prompt; default: as recorded,"
                    + " else no)")
    Boolean autoUpdate;

    ImageMirrorCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        ListQuery query = ListQuery.parse(args);
        if (query.remote() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Name the remote to mirror as REMOTE:");
        }
        session.engine().remotes().get(query.remote());
        MirrorReport report;
        try (ProgressDisplay progress = ProgressDisplay.forCommand(session, "Mirroring")) {
            report = session.engine().mirrors().mirror(query.remote(),
                    query.filters().isEmpty() ? null : query.filters(), keep, autoUpdate, progress);
        }
        report.added().forEach(i -> session.info("Added " + item(i)));
        report.kept().forEach(i -> session.info("Kept " + item(i)));
        report.removed().forEach(i -> session.info("Removed " + item(i)));
        report.movedAliases().forEach(a -> session.info("Moved alias " + a.name() + " from "
                + a.from().substring(0, 12) + " to " + a.to().substring(0, 12)));
        session.info("Mirror of " + report.remote() + ": " + report.added().size() + " added, "
                + report.kept().size() + " kept, " + report.removed().size() + " removed");
        if (!report.failures().isEmpty()) {
            throw new EngineException("Failed to mirror " + report.failures().size() + " image(s), the next run"
                    + " tries again: " + String.join("; ", report.failures()));
        }
    }

    private static String item(MirrorReport.Item item) {
        return item.fingerprint().substring(0, 12) + " (" + item.family() + ")";
    }
}
