package io.imgsh.shell.command.remote;

import io.imgsh.engine.remote.Remote;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", description = "Add new remote servers; in a terminal, asks to accept an unknown certificate "
        + "and for the trust password, as lxc does")
public final class RemoteAddCommand implements Runnable {
    private final Session session;

    @Completes(Kind.TEXT)
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Completes(Kind.TEXT)
    @Parameters(index = "1", paramLabel = "URL")
    String url;

    @Option(names = "--protocol", paramLabel = "PROTOCOL", completionCandidates = Protocols.class,
            description = "lxd (default) or simplestreams")
    String protocol;

    @Option(names = "--public", description = "Public image server")
    boolean isPublic;

    @Option(names = "--accept-certificate", description = "Accept and pin the server's certificate")
    boolean acceptCertificate;

    @Completes(Kind.TEXT)
    @Option(names = "--password", paramLabel = "PASSWORD", description = "Remote admin password")
    String password;

    /** The {@code --protocol} values. */
    static final class Protocols implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of(Remote.LXD, Remote.SIMPLESTREAMS).iterator();
        }
    }

    RemoteAddCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        // in a terminal it asks what the flags did not say, as lxc does; in scripts and pipes the flags decide
        var added = session.engine().remotes().add(name, url, protocol, isPublic, acceptCertificate, password,
                () -> session.err().println("Generating a client certificate. This may take a minute..."),
                session.stdinIsTerminal() ? new AddQuestionsAsked(session) : null);
        if (added.nowTrusted()) {
            session.info("Client certificate now trusted by server: " + name);
        }
    }
}
