package io.imgsh.shell.command.policy;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.mirror.MirrorReport;
import io.imgsh.engine.policy.PolicyService;
import io.imgsh.engine.remote.CopyService;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", description = "Prune expired cached images and auto-update the images and mirrors that are"
        + " due")
public final class PolicyRunCommand implements Runnable {
    private final Session session;

    @Option(names = "--force", description = "Update every auto-update image now, whatever the interval")
    boolean force;

    PolicyRunCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        PolicyService.Report report = session.engine().policy().run(force);
        for (String fp : report.pruned()) {
            session.info("Pruned expired image " + fp.substring(0, 12));
        }
        for (CopyService.RefreshResult r : report.updated()) {
            session.info("Updated image " + r.oldFingerprint().substring(0, 12) + " to " + r.fingerprint().substring(0, 12));
        }
        for (MirrorReport m : report.mirrored()) {
            session.info("Mirrored " + m.remote() + ": " + m.added().size() + " added, " + m.kept().size() + " kept, "
                    + m.removed().size() + " removed");
        }
        if (!report.failures().isEmpty()) {
            throw new EngineException("Failed to update " + report.failures().size() + " image(s): "
                    + String.join("; ", report.failures()));
        }
    }
}
