package io.imgsh.shell.command;

import io.imgsh.engine.Engine;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.policy.PolicySchedule;
import io.imgsh.engine.server.ApiServer;
import io.imgsh.engine.server.ListenAddress;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.RemoteConsole;
import io.imgsh.shell.session.Session;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import org.jline.utils.Signals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code imgsh serve}: the store's images over LXD's REST API (HTTPS, when {@code core.https_address} or
 * {@code --listen} gives an address) and the SSH admin console (when {@code core.ssh_address} does), in the
 * foreground until SIGTERM or SIGINT (Ctrl-C at the prompt), which stop it gracefully: requests in flight finish,
 * within a bound, and the command succeeds. The caching policy runs on its schedule meanwhile.
 */
@Command(name = "serve", description = "Serve the store's images as an LXD image server (LXD's REST API over "
        + "HTTPS) and the SSH admin console (core.ssh_address) until stopped with Ctrl-C or SIGTERM")
public final class ServeCommand implements Runnable {
    private final Session session;

    @Completes(Kind.TEXT)
    @Option(names = "--listen", paramLabel = "ADDR:PORT",
            description = "Address to listen on for HTTPS (default: core.https_address; :8443 is every address)")
    String listen;

    ServeCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        if (session.isRemote()) {
            throw new EngineException("imgsh serve cannot run in an SSH session: the console is part of it already");
        }
        Engine engine = session.engine();
        String https = listen != null ? listen : engine.config().get(ConfigKey.HTTPS_ADDRESS.key());
        String ssh = engine.config().get(ConfigKey.SSH_ADDRESS.key());
        if (https.isBlank() && ssh.isBlank()) {
            throw new InvalidInputException("No address to listen on: set core.https_address or core.ssh_address,"
                    + " or give --listen");
        }
        InetSocketAddress httpsAt = https.isBlank() ? null : ListenAddress.parse(https);
        CountDownLatch stop = new CountDownLatch(1);
        Object previousTerm = Signals.register("TERM", stop::countDown);
        Object previousInt = Signals.register("INT", stop::countDown);
        try (ApiServer server = httpsAt == null ? null : engine.serve(httpsAt);
             // without HTTPS, the policy runs here; the API server runs it otherwise
             PolicySchedule policy = httpsAt == null
                     ? PolicySchedule.start(engine.policy(), engine.verifier(), PolicySchedule.CHECK_EVERY) : null;
             RemoteConsole console = ssh.isBlank() ? null : session.consoles().start(engine, session.env(), ssh)) {
            if (server != null) {
                session.info("Serving images on https://" + httpsAt.getHostString() + ":" + server.port()
                        + " (certificate fingerprint " + server.identity().fingerprint() + ")");
            }
            if (console != null) {
                session.info("Serving the SSH console " + console.describe());
            }
            session.out().flush();
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Ctrl-C at the prompt: the server has stopped, the prompt goes on
        } finally {
            Signals.unregister("TERM", previousTerm);
            Signals.unregister("INT", previousInt);
        }
    }
}
