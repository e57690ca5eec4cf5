package io.imgsh.shell.command.image;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.verify.Finding;
import io.imgsh.engine.verify.VerifyReport;
import io.imgsh.shell.progress.ProgressDisplay;
import io.imgsh.shell.session.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", description = "Re-hash every stored file against its image's fingerprint and check the"
        + " store's rows against its files (missing, extra, wrong size, orphan aliases)")
public final class ImageVerifyCommand implements Runnable {
    private final Session session;

    @Option(names = "--repair", description = "Download damaged images again from their recorded source, or remove"
            + " them when they have none; remove extra files imgsh wrote and orphan aliases; other files are"
            + " reported and left alone")
    boolean repair;

    ImageVerifyCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        VerifyReport report;
        try (ProgressDisplay progress = ProgressDisplay.forCommand(session, "Verifying")) {
            report = session.engine().verifier().verify(repair, progress);
        }
        for (Finding f : report.findings()) {
            session.out().println(f.kind().label() + " " + f.subject() + ": " + f.detail()
                    + (f.outcome() == null ? "" : "; " + f.outcome()));
        }
        List<Finding> problems = report.problems();
        session.info("Verified " + report.images() + " image(s), " + report.bytesHashed() + " bytes hashed: "
                + (problems.isEmpty() ? "the store is sound" : problems.size() + " problem(s)"));
        if (!problems.isEmpty()) {
            throw new EngineException(problems.size() + " problem(s) found" + (repair ? " that could not be"
                    + " repaired" : "; 'image verify --repair' repairs them"));
        }
    }
}
