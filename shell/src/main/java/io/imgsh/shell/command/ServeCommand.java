package io.imgsh.shell.command;

import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.server.ApiServer;
import io.imgsh.engine.server.ListenAddress;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import org.jline.utils.Signals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code imgsh serve}: the store's images over LXD's REST API, in the foreground until SIGTERM or SIGINT (Ctrl-C at
 * the prompt), which stop it gracefully: requests in flight finish, within a bound, and the command succeeds.
 */
@Command(name = "serve", description = "Serve the store's images as an LXD image server (LXD's REST API over "
        + "HTTPS) until stopped with Ctrl-C or SIGTERM")
public final class ServeCommand implements Runnable {
    private final Session session;

    @Completes(Kind.TEXT)
    @Option(names = "--listen", paramLabel = "ADDR:PORT",
            description = "Address to listen on (default: core.https_address; :8443 is every address)")
    String listen;

    ServeCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        String address = listen != null ? listen : session.engine().config().get(ConfigKey.HTTPS_ADDRESS.key());
        InetSocketAddress at = ListenAddress.parse(address);
        CountDownLatch stop = new CountDownLatch(1);
        Object previousTerm = Signals.register("TERM", stop::countDown);
        Object previousInt = Signals.register("INT", stop::countDown);
        try (ApiServer server = session.engine().serve(at)) {
            session.info("Serving images on https://" + at.getHostString() + ":" + server.port()
                    + " (certificate fingerprint " + server.identity().fingerprint() + ")");
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Ctrl-C at the prompt: the server has stopped, the prompt goes on
        } finally {
            Signals.unregister("TERM", previousTerm);
            Signals.unregister("INT", previousInt);
        }
    }
}
