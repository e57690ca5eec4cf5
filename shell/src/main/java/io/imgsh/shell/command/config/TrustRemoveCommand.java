package io.imgsh.shell.command.config;

import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", aliases = "rm", description = "Stop trusting a client certificate")
public final class TrustRemoveCommand implements Runnable {
    private final Session session;

    @Completes(Kind.TEXT)
    @Parameters(paramLabel = "FINGERPRINT", description = "Its fingerprint, or a unique prefix of it")
    String fingerprint;

    TrustRemoveCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        session.engine().trust().remove(fingerprint);
    }
}
